import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Role } from '#app/auth';
import { errorCode, httpJson, startHub, tableRowCounts, type HubUnderTest } from '../support/hub-test-app.js';

const thirdPartyData = resolve(process.cwd(), 'data', 'third-party');
const TABLES = '{ populationTables { version tableId source extractionDate observationCount years current } }';
const POPULATION =
  'query P($geo: String!, $year: Int!, $version: String) { population(geo: $geo, year: $year, version: $version) { value flags version } }';
const LOAD = 'mutation L($input: LoadPopulationTableInput!) { loadPopulationTable(input: $input) { version current observationCount } }';
const SET_METADATA = `mutation M($input: SetCountryMetadataInput!) {
  setCountryMetadata(input: $input) { country validFrom validTo legalDefinition breakdownsNotCollected footnote definitionDiffers }
}`;

/** The value of a geo and year read straight from Eurostat's TSV, to check the hub's copy independently. */
function valueInTsv(tsv: string, geo: string, year: number): number | null {
  const lines = tsv.split('\n');
  const years = (lines[0] ?? '')
    .split('\t')
    .slice(1)
    .map((cell) => Number(cell.trim()));
  const row = lines.find((line) => line.startsWith(`JAN,${geo}\t`));
  const cell = row?.split('\t')[years.indexOf(year) + 1]?.trim() ?? ':';
  return cell.startsWith(':') ? null : Number.parseInt(cell, 10);
}

describe('hub reference data: population denominators, country metadata, keys across restarts', () => {
  let hub: HubUnderTest;
  let tsv: string;

  beforeAll(async () => {
    hub = await startHub('hub-reference');
    tsv = await readFile(resolve(thirdPartyData, 'population', 'tps00001.tsv'), 'utf8');
  });
  afterAll(async () => {
    await hub?.close();
  });

  it("seeds the project's population table at the first start and answers figures from it", async () => {
    const tables = await hub.graphql<{
      populationTables: { tableId: string; current: boolean; years: number[]; observationCount: number }[];
    }>(TABLES, {}, await hub.token([Role.RESEARCHER]));
    expect(tables.data?.populationTables).toHaveLength(1);
    expect(tables.data?.populationTables[0]).toMatchObject({ tableId: 'tps00001', current: true });
    expect(tables.data?.populationTables[0]?.years).toContain(2019);
    const figure = await hub.graphql<{ population: { value: number; version: string } }>(
      POPULATION,
      { geo: 'AT', year: 2019 },
      hub.adminToken,
    );
    expect(figure.data?.population.value).toBe(valueInTsv(tsv, 'AT', 2019));
    const missing = await hub.graphql<{ population: { value: number | null; flags: string } }>(
      POPULATION,
      { geo: 'AD', year: 2014 },
      hub.adminToken,
    );
    expect(missing.data?.population).toMatchObject({ value: null, flags: ':' });
  });

  it('loads a newer table in Eurostat TSV layout, which becomes current, and refuses a repeat or a broken file', async () => {
    const input = { tsv, tableId: 'tps00001', title: 'Population on 1 January', source: 'Eurostat', extractionDate: '2027-01-15' };
    const loaded = await hub.graphql<{ loadPopulationTable: { version: string; current: boolean; observationCount: number } }>(
      LOAD,
      { input },
      hub.adminToken,
    );
    expect(loaded.data?.loadPopulationTable).toEqual({ version: 'tps00001@2027-01-15', current: true, observationCount: 55 * 12 });
    const figure = await hub.graphql<{ population: { version: string } }>(POPULATION, { geo: 'DE', year: 2018 }, hub.adminToken);
    expect(figure.data?.population.version).toBe('tps00001@2027-01-15');

    const before = await tableRowCounts(hub.dataSource);
    expect(errorCode(await hub.graphql(LOAD, { input }, hub.adminToken))).toBe('POPULATION_VERSION_EXISTS');
    const broken = await hub.graphql(
      LOAD,
      { input: { ...input, version: 'broken', tsv: tsv.replace('8307989 ', 'many') } },
      hub.adminToken,
    );
    expect(errorCode(broken)).toBe('INVALID_POPULATION_TABLE');
    expect(broken.errors?.[0]?.extensions).toMatchObject({ fields: ['input.tsv'], line: 5 });
    expect(errorCode(await hub.graphql(LOAD, { input: { ...input, version: 'v2', extractionDate: '15/01/2027' } }, hub.adminToken))).toBe(
      'INVALID_POPULATION_TABLE',
    );
    expect(errorCode(await hub.graphql(LOAD, { input: { ...input, version: 'v3' } }, await hub.token([Role.RESEARCHER])))).toBe(
      'FORBIDDEN',
    );
    expect(await tableRowCounts(hub.dataSource)).toEqual(before);
  });

  it('keeps country metadata per period, validated against the standard', async () => {
    const entry = {
      country: 'EL',
      validFrom: '2024-Q1',
      validTo: '2025-Q4',
      legalDefinition: 'NATIONAL_NARROWER',
      identificationThreshold: 'PROCEEDINGS',
      presumedVictimsIncluded: false,
      breakdownsNotCollected: ['citizen'],
      footnote: 'Only victims in criminal proceedings.',
    };
    const saved = await hub.graphql<{ setCountryMetadata: Record<string, unknown> }>(SET_METADATA, { input: entry }, hub.adminToken);
    expect(saved.data?.setCountryMetadata).toEqual({
      country: 'EL',
      validFrom: '2024-Q1',
      validTo: '2025-Q4',
      legalDefinition: 'NATIONAL_NARROWER',
      breakdownsNotCollected: ['citizen'],
      footnote: 'Only victims in criminal proceedings.',
      definitionDiffers: true,
    });
    const replaced = await hub.graphql<{ setCountryMetadata: { legalDefinition: string } }>(
      SET_METADATA,
      { input: { ...entry, legalDefinition: 'PALERMO' } },
      hub.adminToken,
    );
    expect(replaced.data?.setCountryMetadata.legalDefinition).toBe('PALERMO');
    const listed = await hub.graphql<{ countryMetadata: unknown[] }>(
      '{ countryMetadata(country: "EL") { validFrom legalDefinition } }',
      {},
      await hub.token([Role.INTERNATIONAL_BODY]),
    );
    expect(listed.data?.countryMetadata).toEqual([{ validFrom: '2024-Q1', legalDefinition: 'PALERMO' }]);

    const before = await tableRowCounts(hub.dataSource);
    const invalid = await hub.graphql(
      SET_METADATA,
      { input: { ...entry, legalDefinition: 'LOCAL', breakdownsNotCollected: ['shoe_size'] } },
      hub.adminToken,
    );
    expect(errorCode(invalid)).toBe('INVALID_METADATA');
    expect(invalid.errors?.[0]?.extensions?.['fields']).toEqual(
      expect.arrayContaining(['input.legalDefinition', 'input.breakdownsNotCollected.0']),
    );
    expect(errorCode(await hub.graphql(SET_METADATA, { input: { ...entry, validTo: '2023-Q4' } }, hub.adminToken))).toBe(
      'INVALID_METADATA',
    );
    expect(errorCode(await hub.graphql(SET_METADATA, { input: { ...entry, country: 'GR' } }, hub.adminToken))).toBe('INVALID_METADATA');
    expect(await tableRowCounts(hub.dataSource)).toEqual(before);
  });

  it('keeps its master key and seeds nothing twice when restarted on the same data', async () => {
    const jwks = (await httpJson('GET', `${hub.url}/.well-known/jwks.json`)).body;
    const counts = await tableRowCounts(hub.dataSource);
    const scratch = hub.scratch;
    await hub.close({ keepDatabase: true });
    hub = await startHub('hub-reference', {}, scratch);
    expect((await httpJson('GET', `${hub.url}/.well-known/jwks.json`)).body).toEqual(jwks);
    expect(await tableRowCounts(hub.dataSource)).toEqual(counts);
  });
});
