import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Logger, QueryRunner } from 'typeorm';
import { Role } from '#app/auth';
import { combineFlags, type CountryCode, type PseudonymisedRecord } from '#app/standard';
import { errorCode, startHub, tableRowCounts, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

/** Population on 1 January used by this suite, loaded through the hub's own mutation as a Eurostat TSV. */
const POPULATION: Record<string, Record<number, [number, string]>> = {
  AT: { 2025: [9_100_000, ''], 2026: [9_160_000, 'e'] },
  BE: { 2025: [11_800_000, ''], 2026: [11_870_000, ''] },
  DE: { 2025: [83_400_000, ''], 2026: [83_500_000, 'p'] },
  FR: { 2025: [68_400_000, ''], 2026: [68_500_000, ''] },
};

function populationTsv(): string {
  const years = [2025, 2026];
  const lines = [`indic_de,geo\\time\t${years.map((year) => `${year} `).join('\t')}`];
  for (const [geo, byYear] of Object.entries(POPULATION)) {
    lines.push(`JAN,${geo}\t${years.map((year) => `${byYear[year]![0]} ${byYear[year]![1]}`).join('\t')}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Coordinate {
  dimension: string;
  code: string;
  label: string;
}
interface Cell {
  dimensions: Coordinate[];
  value: number | null;
  flags: string;
  noteIds: string[];
}
interface Table {
  dataset: string;
  release: number | null;
  preview: boolean;
  measure: string;
  populationTable: { version: string; tableId: string } | null;
  dimensions: { id: string; codes: { code: string }[] }[];
  notes: { id: string; text: string }[];
  flagLabels: { flag: string; label: string }[];
  cells: Cell[];
}

const TABLE_FIELDS = `dataset release preview measure populationTable { version tableId } dimensions { id codes { code } }
  notes { id text } flagLabels { flag label } cells { dimensions { dimension code label } value flags noteIds }`;
const FIGURES = `query F($dataset: String!, $release: Int, $filter: FigureFilter, $measure: Measure) {
  figures(dataset: $dataset, release: $release, filter: $filter, measure: $measure) { ${TABLE_FIELDS} }
}`;
const PREVIEW = `query P($dataset: String!, $country: String!, $filter: FigureFilter) {
  previewFigures(dataset: $dataset, country: $country, filter: $filter) { ${TABLE_FIELDS} }
}`;
const COMPARATIVE = `query C($dataset: String!, $countries: [String!], $periods: [String!], $measure: Measure) {
  comparativeReport(dataset: $dataset, countries: $countries, periods: $periods, measure: $measure) {
    release periods populationTable { version }
    rows { geo group values { time value flags rank comparable } definitions { country validFrom legalDefinition identificationThreshold footnote definitionDiffers text } }
  }
}`;
const PUBLISH = 'mutation { publishRelease { number } }';
const SET_METADATA = 'mutation M($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { country } }';
const LOAD_POPULATION = 'mutation L($input: LoadPopulationTableInput!) { loadPopulationTable(input: $input) { version current } }';

/** A cell by its codes, dimension by dimension. */
function cellAt(table: Table, codes: Record<string, string>): Cell {
  const found = table.cells.find((cell) =>
    cell.dimensions.every((coordinate) => codes[coordinate.dimension] === undefined || codes[coordinate.dimension] === coordinate.code),
  );
  if (found === undefined) throw new Error(`no cell ${JSON.stringify(codes)} in ${table.dataset}`);
  return found;
}

/** Counts every SQL statement the hub's DataSource runs, through TypeORM's logger. */
function queryCounter(hub: HubUnderTest): { count(): number; stop(): void } {
  const original = hub.dataSource.logger;
  let queries = 0;
  const counting: Logger = {
    logQuery: (query: string, parameters?: unknown[], runner?: QueryRunner) => {
      queries += 1;
      original.logQuery(query, parameters, runner);
    },
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  hub.dataSource.setOptions({ logger: counting });
  return { count: () => queries, stop: () => hub.dataSource.setOptions({ logger: original }) };
}

describe('figures API: released cubes through GraphQL', () => {
  let hub: HubUnderTest;
  let researcher: string;
  const nodes = new Map<string, SimulatedNode>();
  const held: PseudonymisedRecord[] = [];

  const send = async (country: CountryCode, period: string, from: number, count: number, seed: number) => {
    const node = nodes.get(country)!;
    const records = syntheticRecords(node, country, period, syntheticPersons(node, country, from, count), seed);
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, {
      jws: await node.signReturn(node.buildReturn(country, period, records)),
    });
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
    held.push(...records);
  };
  const figures = async (variables: Record<string, unknown>, token = researcher): Promise<Table> => {
    const answer = await hub.graphql<{ figures: Table }>(FIGURES, variables, token);
    expect(answer.errors).toBeUndefined();
    return answer.data!.figures;
  };

  beforeAll(async () => {
    hub = await startHub('figures-api', { PROVISIONAL_QUARTERS: '1' });
    researcher = await hub.token([Role.RESEARCHER]);
    for (const country of ['AT', 'BE', 'DE', 'FR'] as const) {
      const node = await SimulatedNode.create(`node-${country.toLowerCase()}`, [country]);
      nodes.set(country, node);
      expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
    }
    const metadata = [
      {
        country: 'AT',
        validFrom: '2025-Q1',
        legalDefinition: 'PALERMO',
        identificationThreshold: 'AUTHORITY',
        breakdownsNotCollected: [],
        footnote: 'Victims identified by the police.',
      },
      {
        country: 'BE',
        validFrom: '2024',
        legalDefinition: 'EU_DIRECTIVE',
        identificationThreshold: 'REFERRAL',
        breakdownsNotCollected: [],
      },
      {
        country: 'DE',
        validFrom: '2025',
        legalDefinition: 'NATIONAL_WIDER',
        identificationThreshold: 'REFERRAL',
        breakdownsNotCollected: ['reg_org'],
      },
    ];
    for (const entry of metadata) {
      expect(
        (await hub.graphql(SET_METADATA, { input: { ...entry, presumedVictimsIncluded: true } }, hub.adminToken)).errors,
      ).toBeUndefined();
    }
    const loaded = await hub.graphql<{ loadPopulationTable: { version: string; current: boolean } }>(
      LOAD_POPULATION,
      {
        input: {
          tsv: populationTsv(),
          tableId: 'test-pop',
          title: 'Population on 1 January',
          source: 'test',
          extractionDate: '2027-01-31',
        },
      },
      hub.adminToken,
    );
    expect(loaded.data?.loadPopulationTable).toEqual({ version: 'test-pop@2027-01-31', current: true });
    await send('AT', '2026-Q1', 0, 60, 11);
    await send('AT', '2026-Q2', 40, 50, 12);
    await send('BE', '2026-Q1', 0, 45, 13);
    await send('DE', '2026-Q1', 0, 90, 14);
    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('describes the catalogue: datasets with labelled codes, code lists, countries with metadata and footnotes', async () => {
    const answer = await hub.graphql<{
      datasets: { id: string; dimensions: { id: string; codes: { code: string; label: string }[] }[] }[];
      codeList: { id: string; codes: { code: string; label: string }[] };
      countries: {
        code: string;
        label: string;
        reporting: boolean;
        groups: string[];
        footnotes: string[];
        metadata: { validFrom: string; definitionDiffers: boolean }[];
      }[];
    }>(
      `{ datasets { id dimensions { id codes { code label } } }
         codeList(id: "sex") { id codes { code label } }
         countries { code label reporting groups footnotes metadata { validFrom definitionDiffers } } }`,
      {},
      researcher,
    );
    expect(answer.errors).toBeUndefined();
    const sexAge = answer.data!.datasets.find((dataset) => dataset.id === 'victims_sex_age')!;
    expect(sexAge.dimensions.map((dimension) => dimension.id)).toEqual(['geo', 'time', 'leg_stat', 'sex', 'age']);
    expect(sexAge.dimensions[3]!.codes).toEqual([
      { code: 'F', label: 'Female' },
      { code: 'M', label: 'Male' },
      { code: 'OTHER', label: expect.any(String) },
      { code: 'UNK', label: expect.any(String) },
      { code: 'TOTAL', label: 'Total' },
    ]);
    expect(answer.data!.codeList.codes.map((code) => code.code)).toEqual(['F', 'M', 'OTHER', 'UNK']);
    expect(answer.data!.countries.map((country) => country.code)).toEqual(['AT', 'BE', 'DE', 'FR']);
    expect(answer.data!.countries[0]).toMatchObject({
      label: 'Austria',
      reporting: true,
      groups: ['EU27_2020'],
      footnotes: ['Victims identified by the police.'],
    });
    expect(answer.data!.countries[2]!.metadata).toEqual([{ validFrom: '2025', definitionDiffers: true }]);
    expect(errorCode(await hub.graphql('{ codeList(id: "shoe-size") { id } }', {}, researcher))).toBe('CODE_LIST_NOT_FOUND');
  });

  it('answers every cell of a slice of the latest release as stored, absent cells as zeros with their coverage flags', async () => {
    const table = await figures({
      dataset: 'victims_sex_age',
      filter: { geo: ['AT', 'DE', 'FR', 'EU27_2020'], time: ['2026-Q1', '2026'] },
    });
    expect(table.release).toBe(1);
    expect(table.dimensions.map((dimension) => dimension.codes.length)).toEqual([4, 2, 3, 5, 12]);
    expect(table.cells).toHaveLength(4 * 2 * 3 * 5 * 12);
    const stored: { geo: string; time: string; codes: string[]; value: number | null; flags: string }[] = await hub.dataSource.query(
      `SELECT geo, time, codes, value, flags FROM hub_release_cell WHERE release_number = 1 AND dataset = 'victims_sex_age'`,
    );
    const coverage: { geo: string; time: string; reported: boolean; flags: string }[] = await hub.dataSource.query(
      'SELECT geo, time, reported, flags FROM hub_release_coverage WHERE release_number = 1',
    );
    const storedByKey = new Map(stored.map((row) => [[row.geo, row.time, ...row.codes].join('|'), row]));
    const mismatches = table.cells.flatMap((cell) => {
      const codes = cell.dimensions.map((coordinate) => coordinate.code);
      const row = storedByKey.get(codes.join('|'));
      const reported = coverage.find((entry) => entry.geo === codes[0] && entry.time === codes[1]);
      const expected = row ?? (reported?.reported ? { value: 0, flags: reported.flags } : { value: null, flags: ':' });
      return cell.value === expected.value && cell.flags === expected.flags ? [] : [{ codes, got: [cell.value, cell.flags], expected }];
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    // France registered a node but sent nothing: not available, never zero.
    expect(cellAt(table, { geo: 'FR', time: '2026-Q1', leg_stat: 'TOTAL', sex: 'TOTAL', age: 'TOTAL' })).toMatchObject({
      value: null,
      flags: ':',
    });
    // Austria's definition note is attached to its cells; labels come with every coordinate.
    const austrian = cellAt(table, { geo: 'AT', time: '2026-Q1', leg_stat: 'TOTAL', sex: 'F', age: 'TOTAL' });
    expect(austrian.noteIds).toEqual(['def.AT.2025-Q1']);
    expect(austrian.dimensions[3]).toEqual({ dimension: 'sex', code: 'F', label: 'Female' });
    expect(table.notes.find((note) => note.id === 'def.AT.2025-Q1')?.text).toContain('Victims identified by the police.');
    expect(table.notes.map((note) => note.id)).toContain('protection.cell-key');
    expect(table.flagLabels).toContainEqual({ flag: ':', label: 'not available' });
  });

  it('gives one cell the same value and flags whichever filter or dataset it is read through', async () => {
    const sexes = ['F', 'M', 'OTHER', 'UNK', 'TOTAL'];
    const reads = [
      await figures({ dataset: 'victims_sex_age', filter: { geo: ['AT'], time: ['2026-Q1'], leg_stat: ['TOTAL'], age: ['TOTAL'] } }),
      await figures({ dataset: 'victims_sex_age' }),
      await figures({ dataset: 'victims_citizenship', filter: { geo: ['AT', 'EU27_2020'], citizen: ['TOTAL'], sex: sexes } }),
      await figures({ dataset: 'victims_exploitation', filter: { time: ['2026-Q1'], exploit: ['TOTAL'], age: ['TOTAL'] } }),
      await figures({ dataset: 'victims_registering_org', filter: { geo: ['AT'], reg_org: ['TOTAL'], leg_stat: ['TOTAL'] } }),
    ];
    // The protection dataset has no sex dimension: its grand total is the same persons' total.
    const protection = await figures({
      dataset: 'protection',
      filter: { geo: ['AT'], time: ['2026-Q1'], permit: ['TOTAL'], compens: ['TOTAL'], return: ['TOTAL'], age: ['TOTAL'] },
    });
    const total = cellAt(reads[0]!, { sex: 'TOTAL' });
    expect(protection.cells).toHaveLength(1);
    expect({ value: protection.cells[0]!.value, flags: protection.cells[0]!.flags }).toEqual({ value: total.value, flags: total.flags });
    for (const sex of sexes) {
      const seen = reads.map((table) => {
        const margins = Object.fromEntries(table.dimensions.slice(2).map((dimension) => [dimension.id, 'TOTAL']));
        const cell = cellAt(table, { ...margins, geo: 'AT', time: '2026-Q1', sex });
        return { value: cell.value, flags: cell.flags };
      });
      expect({ sex, seen }).toEqual({ sex, seen: seen.map(() => seen[0]) });
    }
    const austrianVictims = new Set(
      held
        .filter((record) => record.country === 'AT' && record.period === '2026-Q1' && record.legalStatus.endsWith('VICTIM'))
        .map((record) => record.pseudonym),
    );
    // Perturbed, so close to and rarely equal to the true count: the noise is bounded by the p-table's D (3 by default).
    expect(Math.abs(total.value! - austrianVictims.size)).toBeLessThanOrEqual(3);
  });

  it('computes rates from the published counts and the population table, flags combined, groups over reporting members', async () => {
    const filter = {
      geo: ['AT', 'DE', 'FR', 'EU27_2020'],
      time: ['2026-Q1', '2026'],
      leg_stat: ['TOTAL'],
      sex: ['TOTAL', 'F'],
      age: ['TOTAL'],
    };
    const counts = await figures({ dataset: 'victims_sex_age', filter });
    const rates = await figures({ dataset: 'victims_sex_age', filter, measure: 'RATE_PER_100K' });
    const perMillion = await figures({ dataset: 'victims_sex_age', filter, measure: 'RATE_PER_MILLION' });
    expect(rates.populationTable).toEqual({ version: 'test-pop@2027-01-31', tableId: 'test-pop' });
    expect(rates.notes.find((note) => note.id === 'rate.population')?.text).toContain('test-pop@2027-01-31');
    const populationOf = (geo: string, year: number): [number, string] =>
      geo === 'EU27_2020'
        ? // The group is the sum of its members that reported: Austria, Belgium, Germany (France sent nothing).
          [
            POPULATION.AT![year]![0] + POPULATION.BE![year]![0] + POPULATION.DE![year]![0],
            combineFlags(POPULATION.AT![year]![1], POPULATION.BE![year]![1], POPULATION.DE![year]![1]),
          ]
        : POPULATION[geo]![year]!;
    counts.cells.forEach((count, index) => {
      const [geo, time] = count.dimensions.map((coordinate) => coordinate.code) as [string, string];
      const [population, populationFlags] = populationOf(geo, Number(time.slice(0, 4)));
      const rate = rates.cells[index]!;
      expect(rate.dimensions).toEqual(count.dimensions);
      expect(rate.flags).toBe(combineFlags(count.flags, populationFlags));
      expect(rate.value).toBe(count.value === null ? null : (count.value / population) * 100_000);
      expect(perMillion.cells[index]!.value).toBe(count.value === null ? null : (count.value / population) * 1_000_000);
    });
    expect(cellAt(rates, { geo: 'AT', time: '2026-Q1', sex: 'TOTAL' }).flags).toContain('e');
    expect(cellAt(rates, { geo: 'FR', time: '2026', sex: 'TOTAL' })).toMatchObject({ value: null, flags: ':' });
  });

  it('compares countries: one row per geo with value, flags, rank among comparable countries and their definitions', async () => {
    const answer = await hub.graphql<{
      comparativeReport: {
        release: number;
        periods: string[];
        rows: {
          geo: string;
          group: boolean;
          values: { time: string; value: number | null; flags: string; rank: number | null; comparable: boolean }[];
          definitions: { country: string; legalDefinition: string; text: string; definitionDiffers: boolean }[];
        }[];
      };
    }>(
      COMPARATIVE,
      { dataset: 'victims_sex_age', periods: ['2026-Q1'], measure: 'RATE_PER_100K' },
      await hub.token([Role.INTERNATIONAL_BODY]),
    );
    expect(answer.errors).toBeUndefined();
    const report = answer.data!.comparativeReport;
    expect(report.periods).toEqual(['2026-Q1']);
    expect(report.rows.map((row) => row.geo)).toEqual(['AT', 'BE', 'DE', 'FR', 'EU27_2020']);
    const byGeo = new Map(report.rows.map((row) => [row.geo, row]));
    const rates = await figures({
      dataset: 'victims_sex_age',
      measure: 'RATE_PER_100K',
      filter: { time: ['2026-Q1'], leg_stat: ['TOTAL'], sex: ['TOTAL'], age: ['TOTAL'] },
    });
    for (const row of report.rows) {
      const cell = cellAt(rates, { geo: row.geo });
      expect(row.values[0]).toMatchObject({ value: cell.value, flags: cell.flags });
    }
    // Germany's wider definition (d) and France's missing return (:) and the group are not ranked.
    expect(byGeo.get('DE')!.values[0]).toMatchObject({ rank: null, comparable: false });
    expect(byGeo.get('FR')!.values[0]).toMatchObject({ value: null, rank: null, comparable: false });
    expect(byGeo.get('EU27_2020')).toMatchObject({ group: true, definitions: [] });
    const ranked = ['AT', 'BE'].map((geo) => byGeo.get(geo)!.values[0]!).sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
    expect(ranked.map((value) => value.rank)).toEqual(ranked[0]!.value === ranked[1]!.value ? [1, 1] : [1, 2]);
    expect(byGeo.get('DE')!.definitions).toEqual([
      expect.objectContaining({
        country: 'DE',
        legalDefinition: 'NATIONAL_WIDER',
        definitionDiffers: true,
        text: expect.stringContaining('not collected: reg_org'),
      }),
    ]);
    expect(byGeo.get('AT')!.definitions[0]!.text).toContain('Victims identified by the police.');
  });

  it('refuses unknown datasets, codes, dimensions and releases with stable codes', async () => {
    const cases: [Record<string, unknown>, string, unknown][] = [
      [{ dataset: 'victims_by_shoe_size' }, 'UNKNOWN_DATASET', ['dataset']],
      [{ dataset: 'victims_sex_age', filter: { sex: ['X'] } }, 'UNKNOWN_CODE', ['filter.sex']],
      [{ dataset: 'victims_sex_age', filter: { geo: ['GR'] } }, 'UNKNOWN_CODE', ['filter.geo']],
      [{ dataset: 'victims_sex_age', filter: { time: ['2026-Q5'] } }, 'UNKNOWN_CODE', ['filter.time']],
      [{ dataset: 'victims_sex_age', filter: { citizen: ['NAT'] } }, 'DIMENSION_NOT_IN_DATASET', ['filter.citizen']],
      [{ dataset: 'victims_sex_age', release: 9 }, 'RELEASE_NOT_FOUND', ['release']],
    ];
    for (const [variables, code, fields] of cases) {
      const answer = await hub.graphql(FIGURES, variables, researcher);
      expect({ variables, code: errorCode(answer) }).toEqual({ variables, code });
      expect(answer.errors?.[0]?.extensions?.['fields']).toEqual(fields);
    }
    // A filter asking for the margin of a dimension the dataset lacks is harmless: one filter fits every dataset.
    expect(
      (
        await figures({
          dataset: 'victims_sex_age',
          filter: { geo: ['AT'], time: ['2026'], citizen: ['TOTAL'], leg_stat: ['TOTAL'], age: ['TOTAL'] },
        })
      ).cells,
    ).toHaveLength(5);
  });

  it("previews a rapporteur's own unreleased data exactly as the next release publishes it, storing nothing", async () => {
    await send('AT', '2026-Q3', 80, 30, 15);
    const rapporteur = await hub.token([Role.RAPPORTEUR], ['AT']);
    const before = await tableRowCounts(hub.dataSource);
    const answer = await hub.graphql<{ previewFigures: Table }>(PREVIEW, { dataset: 'victims_sex_age', country: 'AT' }, rapporteur);
    expect(answer.errors).toBeUndefined();
    const preview = answer.data!.previewFigures;
    expect(preview).toMatchObject({ preview: true, release: null });
    expect(preview.dimensions[0]!.codes).toEqual([{ code: 'AT' }]);
    expect(preview.dimensions[1]!.codes.map((code) => code.code)).toEqual(['2026', '2026-Q1', '2026-Q2', '2026-Q3']);
    const after = await tableRowCounts(hub.dataSource);
    expect({ ...after, hub_access_log: 0 }).toEqual({ ...before, hub_access_log: 0 });
    expect(after['hub_access_log']).toBe(before['hub_access_log']! + 1);

    const outside = await hub.graphql(PREVIEW, { dataset: 'victims_sex_age', country: 'DE' }, rapporteur);
    expect(errorCode(outside)).toBe('COUNTRY_OUT_OF_SCOPE');
    expect(errorCode(await hub.graphql(PREVIEW, { dataset: 'victims_sex_age', country: 'AT', filter: { geo: ['DE'] } }, rapporteur))).toBe(
      'INVALID_PREVIEW_FILTER',
    );
    expect(errorCode(await hub.graphql(PREVIEW, { dataset: 'victims_sex_age', country: 'AT' }, researcher))).toBe('FORBIDDEN');

    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();
    const released = await figures({
      dataset: 'victims_sex_age',
      release: 2,
      filter: { geo: ['AT'], time: preview.dimensions[1]!.codes.map((code) => code.code) },
    });
    const strip = (table: Table) =>
      table.cells.map((cell) => ({ codes: cell.dimensions.map((coordinate) => coordinate.code), value: cell.value, flags: cell.flags }));
    expect(strip(preview)).toEqual(strip(released));
    // The new quarter's records changed the year's cells: the preview showed those revisions as the release flags them.
    expect(strip(released).some((cell) => cell.flags.includes('r'))).toBe(true);
  });

  it('refuses a query over the cost limits before any database work', async () => {
    const figure = 'figures(dataset: "victims_sex_age") { release cells { value flags } }';
    const overLimits: [string, string][] = [
      [`{ ${Array.from({ length: 30 }, (_, index) => `a${index}: ${figure}`).join(' ')} }`, 'TOO_MANY_ALIASES'],
      [
        `{ figures(dataset: "victims_sex_age", filter: { geo: [${Array.from({ length: 600 }, () => '"AT"').join(',')}] }) { release } }`,
        'LIST_TOO_LONG',
      ],
      [
        `{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } } }`,
        'QUERY_TOO_DEEP',
      ],
      [
        `query { figures(dataset: "victims_sex_age") { ...Wide } } fragment Wide on FigureTable { ${'cells { value flags noteIds dimensions { dimension code label } } '.repeat(1)}${Array.from({ length: 60 }, () => '...Cells').join(' ')} } fragment Cells on FigureTable { cells { value flags noteIds dimensions { dimension code label } } }`,
        'QUERY_TOO_WIDE',
      ],
    ];
    // The cache's warm-up after the last publication reads the database in the background: let it finish first.
    await hub.warmUpSettled();
    const counter = queryCounter(hub);
    try {
      for (const [query, code] of overLimits) {
        const before = counter.count();
        const answer = await hub.graphql(query, {}, researcher);
        expect({ code, got: errorCode(answer) }).toEqual({ code, got: code });
        expect({ code, queries: counter.count() - before }).toEqual({ code, queries: 0 });
      }
      // The same kind of operation within the limits does reach the database, so the counter would have seen it.
      const before = counter.count();
      await figures({
        dataset: 'victims_sex_age',
        filter: { geo: ['AT'], time: ['2026'], leg_stat: ['TOTAL'], sex: ['TOTAL'], age: ['TOTAL'] },
      });
      expect(counter.count() - before).toBeGreaterThan(0);
    } finally {
      counter.stop();
    }
  });

  it('logs who asked for which dataset and release, and nothing below the aggregate', async () => {
    const answer = await hub.graphql<{
      accessLog: {
        subject: string | null;
        role: string | null;
        operation: string;
        dataset: string;
        release: number | null;
        country: string | null;
      }[];
    }>('{ accessLog(limit: 500) { subject role operation dataset release country } }', {}, hub.adminToken);
    expect(answer.errors).toBeUndefined();
    const entries = answer.data!.accessLog;
    expect(entries).toContainEqual({
      subject: 'dev-researcher',
      role: 'RESEARCHER',
      operation: 'figures',
      dataset: 'victims_sex_age',
      release: 1,
      country: null,
    });
    expect(entries).toContainEqual({
      subject: 'dev-rapporteur-AT',
      role: 'RAPPORTEUR',
      operation: 'previewFigures',
      dataset: 'victims_sex_age',
      release: null,
      country: 'AT',
    });
    expect(entries).toContainEqual(expect.objectContaining({ operation: 'comparativeReport', role: 'INTERNATIONAL_BODY', release: 1 }));
    const columns: { column_name: string }[] = await hub.dataSource.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'hub_access_log' ORDER BY ordinal_position`,
    );
    expect(columns.map((column) => column.column_name)).toEqual([
      'id',
      'at',
      'subject',
      'role',
      'operation',
      'dataset',
      'release_number',
      'format',
      'country',
    ]);
    expect(errorCode(await hub.graphql('{ accessLog { operation } }', {}, researcher))).toBe('FORBIDDEN');
  });

  it('writes the log entries of concurrent requests together, and answers no request whose entry cannot be stored', async () => {
    const query = '{ figures(dataset: "victims_citizenship", filter: { geo: ["BE"], time: ["2026"] }) { release } }';
    const inserts: string[] = [];
    const original = hub.dataSource.logger;
    hub.dataSource.setOptions({
      logger: {
        logQuery: (sql: string, parameters?: unknown[], runner?: QueryRunner) => {
          if (sql.includes('INSERT INTO hub_access_log')) inserts.push(sql);
          original.logQuery(sql, parameters, runner);
        },
        logQueryError: (...args) => original.logQueryError(...args),
        logQuerySlow: (...args) => original.logQuerySlow(...args),
        logSchemaBuild: (...args) => original.logSchemaBuild(...args),
        logMigration: (...args) => original.logMigration(...args),
        log: (...args) => original.log(...args),
      },
    });
    try {
      const [{ before }]: { before: string }[] = await hub.dataSource.query('SELECT count(*) AS before FROM hub_access_log');
      const answers = await Promise.all(Array.from({ length: 12 }, () => hub.graphql(query, {}, researcher)));
      expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
      const [{ after }]: { after: string }[] = await hub.dataSource.query('SELECT count(*) AS after FROM hub_access_log');
      expect(Number(after) - Number(before)).toBe(12);
      expect(inserts.length).toBeLessThan(12);
    } finally {
      hub.dataSource.setOptions({ logger: original });
    }
    await hub.dataSource.query('ALTER TABLE hub_access_log RENAME TO hub_access_log_away');
    try {
      expect(errorCode(await hub.graphql(query, {}, researcher))).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await hub.dataSource.query('ALTER TABLE hub_access_log_away RENAME TO hub_access_log');
    }
    expect((await hub.graphql(query, {}, researcher)).errors).toBeUndefined();
  });
});
