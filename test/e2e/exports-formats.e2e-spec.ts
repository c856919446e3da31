import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import JSONstat from 'jsonstat-toolkit';
import { Role } from '#app/auth';
import type { CountryCode } from '#app/standard';
import { errorCode, startHub, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  SUBMIT_REVOCATION,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

interface Cell {
  dimensions: { dimension: string; code: string; label: string }[];
  value: number | null;
  flags: string;
  noteIds: string[];
}
interface Table {
  release: number;
  dimensions: { id: string; label: string; codes: { code: string; label: string }[] }[];
  cells: Cell[];
}

const FIGURES = `query F($dataset: String!, $release: Int, $filter: FigureFilter, $measure: Measure) {
  figures(dataset: $dataset, release: $release, filter: $filter, measure: $measure) {
    release dimensions { id label codes { code label } } cells { dimensions { dimension code label } value flags noteIds }
  }
}`;
const PUBLISH = 'mutation { publishRelease { number } }';

/** Flags as a set: libs/formats writes Eurostat's order (`pr` before `b`), the hub the standard's; the set is what counts. */
function flagSet(flags: string | null | undefined): string {
  return [...(flags ?? '')].sort().join('');
}

function codesOf(cell: Cell): Record<string, string> {
  return Object.fromEntries(cell.dimensions.map((coordinate) => [coordinate.dimension, coordinate.code]));
}

/** The query string of a selection, as the export endpoint and the report page's links write it. */
function queryOf(parameters: Record<string, string | string[] | number>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join('&');
}

describe('exports: JSON-stat, SDMX-CSV and CSV of released figures', () => {
  let hub: HubUnderTest;
  let researcher: string;
  const nodes = new Map<string, SimulatedNode>();

  const send = async (country: CountryCode, period: string, from: number, count: number, seed: number) => {
    const node = nodes.get(country)!;
    const records = syntheticRecords(node, country, period, syntheticPersons(node, country, from, count), seed);
    const answer = await hub.graphql<{ submitReturn: { status: string } }>(SUBMIT_RETURN, {
      jws: await node.signReturn(node.buildReturn(country, period, records)),
    });
    expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
  };
  const figures = async (variables: Record<string, unknown>): Promise<Table> => {
    const answer = await hub.graphql<{ figures: Table }>(FIGURES, variables, researcher);
    expect(answer.errors).toBeUndefined();
    return answer.data!.figures;
  };
  const download = (path: string, headers: Record<string, string> = {}) => fetch(`${hub.url}${path}`, { headers });

  const selection = { geo: ['AT', 'DE', 'FR', 'EU27_2020'], time: ['2026-Q1', '2026'], leg_stat: ['TOTAL', 'IDENTIFIED_VICTIM'] };

  beforeAll(async () => {
    hub = await startHub('exports-formats', { PROVISIONAL_QUARTERS: '1' });
    researcher = await hub.token([Role.RESEARCHER]);
    for (const country of ['AT', 'DE', 'FR'] as const) {
      const node = await SimulatedNode.create(`node-${country.toLowerCase()}`, [country]);
      nodes.set(country, node);
      expect((await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken)).errors).toBeUndefined();
    }
    const metadata = {
      country: 'DE',
      validFrom: '2025',
      legalDefinition: 'NATIONAL_WIDER',
      identificationThreshold: 'REFERRAL',
      presumedVictimsIncluded: true,
      breakdownsNotCollected: ['reg_org'],
      footnote: 'Länder figures; "wider" = includes =SUM(A1) cases.',
    };
    expect(
      (
        await hub.graphql(
          'mutation M($input: SetCountryMetadataInput!) { setCountryMetadata(input: $input) { country } }',
          { input: metadata },
          hub.adminToken,
        )
      ).errors,
    ).toBeUndefined();
    await send('AT', '2026-Q1', 0, 45, 21);
    await send('DE', '2026-Q1', 0, 70, 22);
    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('serves JSON-stat 2.0 that a third-party reader reads back with the values and flags of the figures answer', async () => {
    for (const measure of ['COUNT', 'RATE_PER_100K']) {
      const response = await download(`/exports/victims_sex_age?${queryOf({ format: 'jsonstat', measure, ...selection })}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const body = (await response.json()) as {
        extension: { release: number; measure: string; populationTable?: { version: string } };
        note?: string[];
      };
      const dataset = JSONstat(body).Dataset(0)!;
      const table = await figures({ dataset: 'victims_sex_age', filter: selection, measure });
      expect(dataset.id).toEqual(table.dimensions.map((dimension) => dimension.id));
      expect(dataset.Dimension('geo')!.Category('EU27_2020')!.label).toBe('European Union - 27 countries (from 2020)');
      expect(body.extension).toMatchObject({ release: 1, measure });
      if (measure !== 'COUNT') expect(body.extension.populationTable?.version).toMatch(/^tps00001/);
      // Notes travel as written by the administrator: quotes, umlauts and a leading formula sign alike.
      expect(body.note).toContainEqual(expect.stringContaining('Länder figures; "wider" = includes =SUM(A1) cases.'));
      const mismatches = table.cells.flatMap((cell) => {
        const datum = dataset.Data(codesOf(cell));
        const read = { value: datum?.value ?? null, flags: flagSet(datum?.status) };
        const expected = { value: cell.value, flags: flagSet(cell.flags) };
        return read.value === expected.value && read.flags === expected.flags ? [] : [{ cell: codesOf(cell), read, expected }];
      });
      expect(mismatches.slice(0, 5)).toEqual([]);
      expect(dataset.n).toBe(table.cells.length);
    }
  });

  it('serves SDMX-CSV 2.0 and labelled CSV that csv-parse reads back with the same values and flags', async () => {
    const table = await figures({ dataset: 'victims_sex_age', filter: selection });
    const byKey = new Map(table.cells.map((cell) => [JSON.stringify(codesOf(cell)), cell]));

    const sdmx = await download(`/exports/victims_sex_age?${queryOf({ format: 'sdmx-csv', ...selection })}`);
    expect(sdmx.headers.get('content-type')).toBe('application/vnd.sdmx.data+csv; version=2.0.0');
    const sdmxRows = parse(await sdmx.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(sdmxRows[0]!)).toEqual([
      'STRUCTURE',
      'STRUCTURE_ID',
      'ACTION',
      'GEO',
      'LEG_STAT',
      'SEX',
      'AGE',
      'TIME_PERIOD',
      'OBS_VALUE',
      'OBS_FLAG',
      'CONF_STATUS',
    ]);
    expect(sdmxRows).toHaveLength(table.cells.length);
    for (const row of sdmxRows) {
      const cell = byKey.get(
        JSON.stringify({ geo: row['GEO'], time: row['TIME_PERIOD'], leg_stat: row['LEG_STAT'], sex: row['SEX'], age: row['AGE'] }),
      )!;
      expect({ action: row['ACTION'], structure: row['STRUCTURE_ID'], value: row['OBS_VALUE'], flags: flagSet(row['OBS_FLAG']) }).toEqual({
        action: 'I',
        structure: 'THB_OBS:VICTIMS_SEX_AGE(1.0.0)',
        value: cell.value === null ? '' : String(cell.value),
        flags: flagSet(cell.flags),
      });
    }

    const csv = await download(`/exports/victims_sex_age?${queryOf({ format: 'csv', ...selection })}`);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const csvRows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(csvRows).toHaveLength(table.cells.length);
    for (const row of csvRows) {
      const cell = byKey.get(
        JSON.stringify({ geo: row['geo'], time: row['time'], leg_stat: row['leg_stat'], sex: row['sex'], age: row['age'] }),
      )!;
      expect({ value: row['value'], flags: flagSet(row['flags']), sexLabel: row['sex_label'], notes: row['note_ids'] }).toEqual({
        value: cell.value === null ? '' : String(cell.value),
        flags: flagSet(cell.flags),
        sexLabel: cell.dimensions[3]!.label,
        notes: cell.noteIds.join('; '),
      });
    }
    expect(csvRows.find((row) => row['geo'] === 'DE')?.['geo_label']).toBe('Germany');
  });

  it('tags each export by release, selection and format, and answers If-None-Match with 304 without a body', async () => {
    const path = `/exports/victims_sex_age?${queryOf({ format: 'csv', ...selection })}`;
    const first = await download(path);
    await first.text();
    const tag = first.headers.get('etag')!;
    expect(tag).toMatch(/^"r1-[A-Za-z0-9_-]+"$/);
    expect((await download(path)).headers.get('etag')).toBe(tag);
    // The order of codes in the query does not change the output, nor the tag.
    const reordered = await download(
      `/exports/victims_sex_age?format=csv&geo=FR,EU27_2020,DE,AT&time=2026,2026-Q1&leg_stat=IDENTIFIED_VICTIM,TOTAL`,
    );
    expect(reordered.headers.get('etag')).toBe(tag);
    await reordered.text();
    const cached = await download(path, { 'if-none-match': `W/"other", ${tag}` });
    expect(cached.status).toBe(304);
    expect(await cached.text()).toBe('');
    const otherTags = await Promise.all([
      download(`/exports/victims_sex_age?${queryOf({ format: 'jsonstat', ...selection })}`),
      download(`/exports/victims_sex_age?${queryOf({ format: 'csv', ...selection, sex: 'F' })}`),
      download(`/exports/victims_sex_age?${queryOf({ format: 'csv', measure: 'RATE_PER_MILLION', ...selection })}`),
    ]);
    const tags = new Set([tag, ...otherTags.map((response) => response.headers.get('etag'))]);
    await Promise.all(otherTags.map((response) => response.text()));
    expect(tags.size).toBe(4);
  });

  it('gives R rows for revised cells and D rows for cells gone since an earlier release, in SDMX-CSV', async () => {
    const austria = nodes.get('AT')!;
    await send('AT', '2026-Q2', 30, 25, 23);
    const revoked = await hub.graphql<{ submitRevocation: { erased: number } }>(SUBMIT_REVOCATION, {
      jws: await austria.signRevocation(austria.revocation('AT', [austria.pseudonym('AT-3'), austria.pseudonym('AT-4')])),
    });
    expect(revoked.data?.submitRevocation.erased).toBe(2);
    // France never reported; once its node is retired it leaves the release: its cells are deleted.
    expect((await hub.graphql('mutation { retireNode(nodeId: "node-fr") { nodeId } }', {}, hub.adminToken)).errors).toBeUndefined();
    expect((await hub.graphql(PUBLISH, {}, hub.adminToken)).errors).toBeUndefined();

    const before = await figures({ dataset: 'victims_sex_age', release: 1 });
    const after = await figures({ dataset: 'victims_sex_age', release: 2 });
    const keyOf = (cell: Cell) => JSON.stringify(codesOf(cell));
    const previous = new Map(before.cells.map((cell) => [keyOf(cell), cell]));
    const current = new Set(after.cells.map(keyOf));
    const expectedReplaced = after.cells
      .filter((cell) => {
        const old = previous.get(keyOf(cell));
        return old === undefined || old.value !== cell.value || flagSet(old.flags) !== flagSet(cell.flags);
      })
      .map(keyOf)
      .sort();
    const expectedDeleted = before.cells
      .filter((cell) => !current.has(keyOf(cell)))
      .map(keyOf)
      .sort();
    expect(expectedReplaced.length).toBeGreaterThan(0);
    expect(expectedDeleted.some((key) => key.includes('"FR"'))).toBe(true);

    const response = await download('/exports/victims_sex_age?format=sdmx-csv&diff=1');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toMatch(/^"r2-/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const keyOfRow = (row: Record<string, string>) =>
      JSON.stringify({ geo: row['GEO'], time: row['TIME_PERIOD'], leg_stat: row['LEG_STAT'], sex: row['SEX'], age: row['AGE'] });
    expect(
      rows
        .filter((row) => row['ACTION'] === 'R')
        .map(keyOfRow)
        .sort(),
    ).toEqual(expectedReplaced);
    expect(
      rows
        .filter((row) => row['ACTION'] === 'D')
        .map(keyOfRow)
        .sort(),
    ).toEqual(expectedDeleted);
    expect(rows.every((row) => row['ACTION'] === 'R' || row['ACTION'] === 'D')).toBe(true);

    // The latest release moved on, so the tag of an unversioned export did too.
    const latest = await download('/exports/victims_sex_age?format=csv');
    expect(latest.headers.get('etag')).toMatch(/^"r2-/);
    await latest.text();
  });

  it('streams a large export in chunks', async () => {
    const response = await download('/exports/offenders_stage?format=sdmx-csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body!.getReader();
    let chunks = 0;
    let bytes = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      chunks += 1;
      bytes += next.value.length;
    }
    expect(bytes).toBeGreaterThan(128 * 1024);
    expect(chunks).toBeGreaterThan(1);
  });

  it('is public, but refuses a bad token, bad parameters and unknown datasets with stable codes', async () => {
    const anonymous = await download('/exports/victims_citizenship?format=csv&geo=AT');
    expect(anonymous.status).toBe(200);
    await anonymous.text();
    const cases: [string, Record<string, string>, number, string][] = [
      ['/exports/victims_sex_age?format=xlsx', {}, 400, 'UNKNOWN_FORMAT'],
      ['/exports/victims_sex_age?sexe=F', {}, 400, 'INVALID_PARAMETER'],
      ['/exports/victims_sex_age?release=first', {}, 400, 'INVALID_PARAMETER'],
      ['/exports/victims_sex_age?format=csv&diff=1', {}, 400, 'INVALID_DIFF'],
      ['/exports/victims_sex_age?format=sdmx-csv&diff=2', {}, 400, 'INVALID_DIFF'],
      ['/exports/victims_sex_age?release=7', {}, 404, 'RELEASE_NOT_FOUND'],
      ['/exports/victims_sex_age?sex=X', {}, 400, 'UNKNOWN_CODE'],
      ['/exports/victims_by_shoe_size', {}, 404, 'UNKNOWN_DATASET'],
      ['/exports/victims_sex_age', { authorization: 'Bearer not.a.token' }, 401, 'INVALID_TOKEN'],
    ];
    for (const [path, headers, status, code] of cases) {
      const response = await download(path, headers);
      const body = (await response.json()) as { error: { code: string } };
      expect({ path, status: response.status, code: body.error.code }).toEqual({ path, status, code });
    }
    expect(errorCode(await hub.graphql('{ releases { number } }', {}, 'not.a.token'))).toBe('INVALID_TOKEN');
  });

  it('logs each export with its format and release, as the caller or as anonymous', async () => {
    const signedIn = await download('/exports/victims_citizenship?format=jsonstat', { authorization: `Bearer ${researcher}` });
    await signedIn.text();
    const answer = await hub.graphql<{
      accessLog: { subject: string | null; role: string | null; operation: string; dataset: string; release: number; format: string }[];
    }>('{ accessLog(dataset: "victims_citizenship") { subject role operation dataset release format } }', {}, hub.adminToken);
    expect(answer.data?.accessLog).toEqual([
      {
        subject: 'dev-researcher',
        role: 'RESEARCHER',
        operation: 'export',
        dataset: 'victims_citizenship',
        release: 2,
        format: 'jsonstat',
      },
      { subject: null, role: null, operation: 'export', dataset: 'victims_citizenship', release: 2, format: 'csv' },
    ]);
  });
});
