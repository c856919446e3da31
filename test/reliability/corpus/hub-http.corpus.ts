import { INJECTIONS, type HubCase, type HubRequest } from './corpus-case.js';

/**
 * Bad requests to the hub's plain HTTP endpoints: the public exports (`/exports/{dataset}?format=...`) and report
 * pages (`/reports/{dataset}`). Refusals are `{ error: { code } }` with no table changed (not even the access log).
 */
const get =
  (path: string, headers: Record<string, string> = {}) =>
  (): HubRequest => ({ method: 'GET', path, headers });
const encoded = encodeURIComponent;

export const HUB_HTTP_CASES: readonly HubCase[] = [
  {
    name: 'export of an unknown dataset',
    target: 'hub-http',
    request: get('/exports/victims_by_shoe_size?format=csv'),
    expect: 'UNKNOWN_DATASET',
  },
  {
    name: 'export of a dataset named by SQL injection',
    target: 'hub-http',
    request: get(`/exports/${encoded(INJECTIONS.sql)}?format=csv`),
    expect: 'UNKNOWN_DATASET',
    mustNotEcho: [INJECTIONS.sql],
  },
  {
    name: 'export of a dataset named by a path',
    target: 'hub-http',
    request: get(`/exports/${encoded(INJECTIONS.path)}`),
    expect: 'UNKNOWN_DATASET',
  },
  {
    name: 'export in an unknown format',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=xlsx'),
    expect: 'UNKNOWN_FORMAT',
  },
  {
    name: 'export with an unknown parameter',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&where=1%3D1'),
    expect: 'INVALID_PARAMETER',
  },
  {
    name: 'export with a parameter twice',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&format=jsonstat'),
    expect: 'INVALID_PARAMETER',
  },
  {
    name: 'export of an unknown country',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&geo=XX'),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'export of GR instead of EL',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&geo=GR'),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'export of quarter 5',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&time=2026-Q5'),
    expect: 'UNKNOWN_CODE',
  },
  {
    name: 'export with HTML as a sex code',
    target: 'hub-http',
    request: get(`/exports/victims_sex_age?format=csv&sex=${encoded(INJECTIONS.html)}`),
    expect: 'INVALID_PARAMETER',
    mustNotEcho: [INJECTIONS.html],
  },
  {
    name: 'export of release -1',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&release=-1'),
    expect: 'INVALID_PARAMETER',
  },
  {
    name: 'export of release 10^30',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&release=1000000000000000000000000000000'),
    expect: 'INVALID_PARAMETER',
  },
  {
    name: 'export of a release that does not exist',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&release=999'),
    expect: 'RELEASE_NOT_FOUND',
  },
  {
    name: 'export with a NUL character in a code',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&geo=AT%00'),
    expect: 'INVALID_CHARACTER',
  },
  {
    name: 'export with bytes that are not UTF-8',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv&geo=%FF%FE'),
    expect: 'INVALID_PARAMETER',
  },
  {
    name: 'export asked with an expired token',
    target: 'hub-http',
    request: get('/exports/victims_sex_age?format=csv', { authorization: 'Bearer a.b.c' }),
    expect: 'INVALID_TOKEN',
  },
  { name: 'report page of an unknown dataset', target: 'hub-http', request: get('/reports/nothing_here'), expect: 'UNKNOWN_DATASET' },
  {
    name: 'report page with HTML as a country',
    target: 'hub-http',
    request: get(`/reports/victims_sex_age?countries=${encoded(INJECTIONS.html)}`),
    expect: 'INVALID_PARAMETER',
    mustNotEcho: [INJECTIONS.html],
  },
  { name: 'report page of release 0', target: 'hub-http', request: get('/reports/victims_sex_age?release=0'), expect: 'INVALID_PARAMETER' },
  {
    name: 'report page with an unknown parameter',
    target: 'hub-http',
    request: get('/reports/victims_sex_age?debug=true'),
    expect: 'INVALID_PARAMETER',
  },
  { name: 'a route that does not exist', target: 'hub-http', request: get('/admin/../../etc/passwd'), expect: 'NOT_FOUND' },
];
