import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Role } from '#app/auth';
import { startHub, tableRowCounts, type HubUnderTest } from '../../../../test/support/hub-test-app.js';
import { CountryMetadataModule } from './country-metadata.module.js';

const SET = `mutation ($input: SetCountryMetadataInput!) {
  setCountryMetadata(input: $input) { country validFrom validTo legalDefinition breakdownsNotCollected } }`;
const REMOVE =
  'mutation ($country: String!, $validFrom: Period!) { removeCountryMetadata(country: $country, validFrom: $validFrom) { country validFrom } }';
const LIST = 'query ($country: String) { countryMetadata(country: $country) { country validFrom validTo } }';

const entry = (overrides: Record<string, unknown> = {}) => ({
  country: 'AT',
  validFrom: '2024',
  legalDefinition: 'EU_DIRECTIVE',
  identificationThreshold: 'REFERRAL',
  presumedVictimsIncluded: true,
  breakdownsNotCollected: [],
  ...overrides,
});

/** Country metadata alone over real GraphQL and a migrated hub database: the Period arguments and their refusals. */
describe('CountryMetadataResolver', () => {
  let hub: HubUnderTest;
  let researcher: string;

  beforeAll(async () => {
    hub = await startHub('country-metadata-resolver', {}, undefined, [CountryMetadataModule]);
    researcher = await hub.token([Role.RESEARCHER]);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('sets entries from a period on and lists them in period order', async () => {
    await hub.graphql(SET, { input: entry({ validFrom: '2025-Q3' }) }, hub.adminToken);
    const set = await hub.graphql(SET, { input: entry({ validFrom: '2024', validTo: '2025-Q2' }) }, hub.adminToken);
    expect(set.errors).toBeUndefined();
    expect(set.data?.setCountryMetadata).toMatchObject({ country: 'AT', validFrom: '2024', validTo: '2025-Q2' });
    const listed = await hub.graphql<{ countryMetadata: unknown[] }>(LIST, { country: 'AT' }, researcher);
    expect(listed.data?.countryMetadata).toEqual([
      { country: 'AT', validFrom: '2024', validTo: '2025-Q2' },
      { country: 'AT', validFrom: '2025-Q3', validTo: null },
    ]);
  });

  it.each([
    ['a quarter 9', SET, { input: entry({ validFrom: '2026-Q9' }) }, ['input.validFrom']],
    ['a week as the end', SET, { input: entry({ validTo: '2026W10' }) }, ['input.validTo']],
    ['a lower-case quarter to remove', REMOVE, { country: 'AT', validFrom: '2024-q1' }, ['validFrom']],
  ])('refuses %s with INVALID_PERIOD at its path and changes nothing', async (_what, query, variables, fields) => {
    const before = await tableRowCounts(hub.dataSource);
    const answer = await hub.graphql(query, variables, hub.adminToken);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((error) => error.extensions)).toEqual([{ code: 'INVALID_PERIOD', fields }]);
    expect(await tableRowCounts(hub.dataSource)).toEqual(before);
  });

  it('checks the rest of the entry against the standard, and an end before the start', async () => {
    const answer = await hub.graphql(SET, { input: entry({ validFrom: '2026-Q1', validTo: '2025-Q4' }) }, hub.adminToken);
    expect(answer.errors?.[0]?.extensions?.code).toBe('INVALID_METADATA');
  });

  it('removes an entry by its canonical period, and says when there is none', async () => {
    const removed = await hub.graphql(REMOVE, { country: 'AT', validFrom: '2025-Q3' }, hub.adminToken);
    expect(removed.data?.removeCountryMetadata).toEqual({ country: 'AT', validFrom: '2025-Q3' });
    const again = await hub.graphql(REMOVE, { country: 'AT', validFrom: '2025-Q3' }, hub.adminToken);
    expect(again.errors?.[0]?.extensions?.code).toBe('METADATA_NOT_FOUND');
  });

  it('lets only the hub administrator change metadata', async () => {
    const answer = await hub.graphql(SET, { input: entry() }, researcher);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
