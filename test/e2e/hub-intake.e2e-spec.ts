import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JwsTypes, verifyJws, type PublicSigningJwk } from '#app/crypto';
import { listAccessMatrix, Role } from '#app/auth';
import type { QuarterlyReturn } from '#app/standard';
import { errorCode, httpJson, startHub, tableRowCounts, type HubUnderTest } from '../support/hub-test-app.js';
import {
  REGISTER_NODE,
  SimulatedNode,
  SUBMIT_RETURN,
  SUBMIT_REVOCATION,
  registrationOf,
  syntheticPersons,
  syntheticRecords,
} from '../support/hub-test-node.js';

interface ReturnReceipt {
  submitReturn: { returnId: string; status: string; receipt: string };
}

describe('hub intake: node registry, signed returns, revocations', () => {
  let hub: HubUnderTest;
  let austria: SimulatedNode;
  let germany: SimulatedNode;
  let hubKeys: { keys: PublicSigningJwk[] };

  const submit = (jws: string) => hub.graphql<ReturnReceipt>(SUBMIT_RETURN, { jws });
  const austrianReturn = (period: string, options: { revision?: number; returnId?: string; from?: number; count?: number } = {}) =>
    austria.buildReturn(
      'AT',
      period,
      syntheticRecords(austria, 'AT', period, syntheticPersons(austria, 'AT', options.from ?? 0, options.count ?? 40), 7),
      options,
    );
  /** Refused requests must leave every table exactly as it was. */
  const expectRefusedWithoutChange = async (jws: string, code: string) => {
    const before = await tableRowCounts(hub.dataSource);
    const answer = await submit(jws);
    expect(errorCode(answer)).toBe(code);
    expect(answer.data?.submitReturn ?? null).toBeNull();
    expect(await tableRowCounts(hub.dataSource)).toEqual(before);
    return answer;
  };
  const verifyReceipt = (receipt: string) =>
    verifyJws(receipt, (kid) => hubKeys.keys.find((key) => key.kid === kid), { typ: JwsTypes.receipt });

  beforeAll(async () => {
    hub = await startHub('hub-intake', { DISCLOSURE_METHOD: 'NONE' });
    austria = await SimulatedNode.create('node-at', ['AT']);
    germany = await SimulatedNode.create('node-de', ['DE']);
    for (const node of [austria, germany]) {
      const registered = await hub.graphql(REGISTER_NODE, registrationOf(node), hub.adminToken);
      expect(registered.errors).toBeUndefined();
    }
    hubKeys = (await httpJson('GET', `${hub.url}/.well-known/jwks.json`)).body as { keys: PublicSigningJwk[] };
  });
  afterAll(async () => {
    await hub?.close();
  });

  it('declares who may call each of its operations: signed messages and the key set public, administration HUB_ADMIN', () => {
    const access = new Map(listAccessMatrix(hub.app).map((entry) => [entry.operation, entry.access]));
    for (const operation of ['Mutation.submitReturn', 'Mutation.submitRevocation', 'GET /.well-known/jwks.json']) {
      expect({ operation, access: access.get(operation) }).toEqual({ operation, access: { kind: 'PUBLIC' } });
    }
    const administration = [
      'Query.nodes',
      'Query.node',
      'Query.submissionStatus',
      'Query.revocations',
      'Mutation.registerNode',
      'Mutation.rotateNodeKey',
      'Mutation.retireNodeKey',
      'Mutation.retireNode',
      'Mutation.publishRelease',
      'Mutation.setCountryMetadata',
      'Mutation.removeCountryMetadata',
      'Mutation.loadPopulationTable',
    ];
    for (const operation of administration) {
      expect({ operation, access: access.get(operation) }).toEqual({ operation, access: { kind: 'ROLES', roles: [Role.HUB_ADMIN] } });
    }
    for (const operation of ['Query.releases', 'Query.release', 'Release.datasets', 'Query.countryMetadata', 'Query.populationTables']) {
      expect(access.get(operation)).toMatchObject({
        kind: 'ROLES',
        roles: expect.arrayContaining([Role.RESEARCHER, Role.INTERNATIONAL_BODY]),
      });
    }
  });

  describe('node registry', () => {
    it('lists registered nodes with their keys, for administrators only', async () => {
      const query = '{ nodes { nodeId countries keys { kid active } lastSubmission { returnId } } }';
      const listed = await hub.graphql<{ nodes: { nodeId: string; countries: string[]; keys: { kid: string }[] }[] }>(
        query,
        {},
        hub.adminToken,
      );
      expect(listed.data?.nodes.map((node) => [node.nodeId, node.countries, node.keys[0]?.kid])).toEqual([
        ['node-at', ['AT'], austria.kid],
        ['node-de', ['DE'], germany.kid],
      ]);
      expect(errorCode(await hub.graphql(query))).toBe('UNAUTHENTICATED');
      expect(errorCode(await hub.graphql(query, {}, await hub.token([Role.RESEARCHER])))).toBe('FORBIDDEN');
    });

    it('refuses a bad registration precisely: node id, country code, taken country, private key, reused key', async () => {
      const other = await SimulatedNode.create('node-fr', ['FR']);
      const attempt = (input: Record<string, unknown>) =>
        hub.graphql(REGISTER_NODE, { input: { ...registrationOf(other).input, ...input } }, hub.adminToken);
      const before = await tableRowCounts(hub.dataSource);
      expect(errorCode(await attempt({ nodeId: 'Node FR' }))).toBe('INVALID_NODE_ID');
      const badCountry = await attempt({ countries: ['GR'] });
      expect(errorCode(badCountry)).toBe('INVALID_COUNTRY');
      expect(badCountry.errors?.[0]?.extensions?.['fields']).toEqual(['input.countries.0']);
      expect(errorCode(await attempt({ countries: ['DE'] }))).toBe('COUNTRY_TAKEN');
      expect(errorCode(await attempt({ nodeId: 'node-at' }))).toBe('NODE_EXISTS');
      expect(errorCode(await attempt({ publicJwk: JSON.stringify({ ...other.publicJwk, d: 'AAAA' }) }))).toBe('INVALID_PUBLIC_KEY');
      expect(errorCode(await attempt({ publicJwk: JSON.stringify(austria.publicJwk) }))).toBe('KEY_EXISTS');
      expect(await tableRowCounts(hub.dataSource)).toEqual(before);
    });

    it('serves the hub public key at /.well-known/jwks.json without a token', () => {
      expect(hubKeys.keys).toHaveLength(1);
      expect(hubKeys.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(hubKeys.keys[0]).not.toHaveProperty('d');
    });
  });

  describe('quarterly returns', () => {
    let accepted: QuarterlyReturn;
    let acceptedJws: string;
    let acceptedReceipt: string;

    it('accepts a valid return, stores its records without identities and answers a receipt signed by the hub', async () => {
      accepted = austrianReturn('2025-Q1');
      acceptedJws = await austria.signReturn(accepted);
      const answer = await submit(acceptedJws);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.submitReturn).toMatchObject({ returnId: accepted.returnId, status: 'ACCEPTED' });
      acceptedReceipt = answer.data?.submitReturn.receipt ?? '';
      const receipt = await verifyReceipt(acceptedReceipt);
      expect(receipt.payload).toMatchObject({
        kind: 'RETURN',
        messageId: accepted.returnId,
        nodeId: 'node-at',
        country: 'AT',
        period: '2025-Q1',
        revision: 1,
        recordCount: accepted.records.length,
        hub: 'thb-hub',
      });
      expect(Date.parse(String(receipt.payload['receivedAt']))).not.toBeNaN();
      const [{ count }]: { count: string }[] = await hub.dataSource.query(
        `SELECT count(*) AS count FROM hub_record WHERE country = 'AT' AND period = '2025-Q1'`,
      );
      expect(Number(count)).toBe(accepted.records.length);
    });

    it('answers a replay with DUPLICATE and the identical receipt, changing nothing', async () => {
      const before = await tableRowCounts(hub.dataSource);
      const answer = await submit(acceptedJws);
      expect(answer.data?.submitReturn).toEqual({ returnId: accepted.returnId, status: 'DUPLICATE', receipt: acceptedReceipt });
      expect(await tableRowCounts(hub.dataSource)).toEqual(before);
    });

    it('refuses a forged signature with BAD_SIGNATURE', async () => {
      await expectRefusedWithoutChange(await austria.forge(austrianReturn('2025-Q2'), JwsTypes.return), 'BAD_SIGNATURE');
    });

    it('refuses an unregistered key with UNKNOWN_KEY', async () => {
      const stranger = await SimulatedNode.create('node-at', ['AT']);
      await expectRefusedWithoutChange(await stranger.signReturn(austrianReturn('2025-Q2')), 'UNKNOWN_KEY');
    });

    it('refuses a return for a country the node does not report for with COUNTRY_NOT_ALLOWED', async () => {
      const records = syntheticRecords(austria, 'DE', '2025-Q2', syntheticPersons(austria, 'DE', 0, 5), 3);
      await expectRefusedWithoutChange(await austria.signReturn(austria.buildReturn('DE', '2025-Q2', records)), 'COUNTRY_NOT_ALLOWED');
    });

    it('refuses a return naming another node with NODE_MISMATCH', async () => {
      await expectRefusedWithoutChange(await austria.signReturn({ ...austrianReturn('2025-Q2'), nodeId: 'node-de' }), 'NODE_MISMATCH');
    });

    it('refuses a schema violation with INVALID_RETURN, the JSON pointers and the problems', async () => {
      const valid = austrianReturn('2025-Q2');
      const broken = {
        ...valid,
        records: valid.records.map((record, index) => (index === 3 ? { ...record, sex: 'X', givenName: 'Canary' } : record)),
      };
      const answer = await expectRefusedWithoutChange(await austria.signReturn(broken), 'INVALID_RETURN');
      const extensions = answer.errors?.[0]?.extensions ?? {};
      expect(extensions['fields']).toEqual(expect.arrayContaining(['/records/3/sex']));
      expect(extensions['problems']).toEqual(
        expect.arrayContaining([expect.objectContaining({ pointer: '/records/3/sex', code: 'UNKNOWN_CODE' })]),
      );
      expect(JSON.stringify(answer)).not.toContain('Canary');
    });

    it('refuses a message of the wrong type (a receipt posted as a return) with WRONG_TYPE', async () => {
      await expectRefusedWithoutChange(acceptedReceipt, 'WRONG_TYPE');
      await expectRefusedWithoutChange(await austria.signRevocation(austrianReturn('2025-Q2')), 'WRONG_TYPE');
    });

    it('refuses garbage with MALFORMED and another algorithm with UNSUPPORTED_ALGORITHM', async () => {
      await expectRefusedWithoutChange('not.a.jws!', 'MALFORMED');
      const [, payload, signature] = acceptedJws.split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: JwsTypes.return, kid: austria.kid, iat: 1 })).toString('base64url');
      await expectRefusedWithoutChange(`${header}.${payload}.${signature}`, 'UNSUPPORTED_ALGORITHM');
    });

    it('replaces the records of a country and period with a higher revision, and refuses a stale one', async () => {
      const revised = austrianReturn('2025-Q1', { revision: 2, from: 1000, count: 25 });
      const answer = await submit(await austria.signReturn(revised));
      expect(answer.data?.submitReturn.status).toBe('ACCEPTED');
      const rows: { pseudonym: string }[] = await hub.dataSource.query(
        `SELECT pseudonym FROM hub_record WHERE country = 'AT' AND period = '2025-Q1' ORDER BY pseudonym`,
      );
      expect(rows.map((row) => row.pseudonym)).toEqual(revised.records.map((record) => record.pseudonym).sort());

      const stale = await expectRefusedWithoutChange(
        await austria.signReturn(austrianReturn('2025-Q1', { revision: 2 })),
        'STALE_REVISION',
      );
      expect(stale.errors?.[0]?.extensions?.['acceptedRevision']).toBe(2);
      await expectRefusedWithoutChange(await austria.signReturn(austrianReturn('2025-Q1', { revision: 1 })), 'STALE_REVISION');
      // The first return, replayed after its revision, is still only a duplicate.
      expect((await submit(acceptedJws)).data?.submitReturn.status).toBe('DUPLICATE');
    });

    it('shows each expected country and its state per period', async () => {
      const query =
        'query S($period: Period!) { submissionStatus(period: $period) { period countries { country nodeId state revision } } }';
      const status = await hub.graphql<{ submissionStatus: { countries: unknown[] } }>(query, { period: '2025-Q1' }, hub.adminToken);
      expect(status.data?.submissionStatus.countries).toEqual([
        { country: 'AT', nodeId: 'node-at', state: 'REVISED', revision: 2 },
        { country: 'DE', nodeId: 'node-de', state: 'MISSING', revision: null },
      ]);
      const germanReturn = germany.buildReturn(
        'DE',
        '2025-Q1',
        syntheticRecords(germany, 'DE', '2025-Q1', syntheticPersons(germany, 'DE', 0, 10), 9),
      );
      expect((await submit(await germany.signReturn(germanReturn))).data?.submitReturn.status).toBe('ACCEPTED');
      const after = await hub.graphql<{ submissionStatus: { countries: { state: string }[] } }>(
        query,
        { period: '2025-Q1' },
        hub.adminToken,
      );
      expect(after.data?.submissionStatus.countries.map((country) => country.state)).toEqual(['REVISED', 'RECEIVED']);
      expect(errorCode(await hub.graphql(query, { period: '2025Q1' }, hub.adminToken))).toBe('INVALID_PERIOD');
    });

    it('lists the latest accepted return of each node', async () => {
      const listed = await hub.graphql<{ nodes: { nodeId: string; lastSubmission: { period: string; revision: number } | null }[] }>(
        '{ nodes { nodeId lastSubmission { period revision } } }',
        {},
        hub.adminToken,
      );
      expect(listed.data?.nodes).toEqual([
        { nodeId: 'node-at', lastSubmission: { period: '2025-Q1', revision: 2 } },
        { nodeId: 'node-de', lastSubmission: { period: '2025-Q1', revision: 1 } },
      ]);
    });
  });

  describe('revocations', () => {
    it('erases every record of the named pseudonyms in the country, keeps only counts, and answers a signed receipt', async () => {
      const persons = syntheticPersons(austria, 'AT', 2000, 6);
      for (const period of ['2025-Q2', '2025-Q3']) {
        const records = syntheticRecords(austria, 'AT', period, persons, 11);
        expect((await submit(await austria.signReturn(austria.buildReturn('AT', period, records)))).data?.submitReturn.status).toBe(
          'ACCEPTED',
        );
      }
      const revoked = [persons[0]!.pseudonym, persons[1]!.pseudonym, austria.pseudonym('AT-never-sent')];
      const notice = austria.revocation('AT', revoked);
      const jws = await austria.signRevocation(notice);
      const answer = await hub.graphql<{ submitRevocation: { noticeId: string; status: string; erased: number; receipt: string } }>(
        SUBMIT_REVOCATION,
        { jws },
      );
      expect(answer.data?.submitRevocation).toMatchObject({ noticeId: notice.noticeId, status: 'ACCEPTED', erased: 4 });
      const receipt = await verifyReceipt(answer.data?.submitRevocation.receipt ?? '');
      expect(receipt.payload).toMatchObject({
        kind: 'REVOCATION',
        messageId: notice.noticeId,
        nodeId: 'node-at',
        country: 'AT',
        erased: 4,
      });
      const left: { count: string }[] = await hub.dataSource.query('SELECT count(*) AS count FROM hub_record WHERE pseudonym = ANY($1)', [
        revoked,
      ]);
      expect(Number(left[0]?.count)).toBe(0);
      const status = await hub.graphql<{
        submissionStatus: { countries: { country: string; recordCount: number; recordsInForce: number }[] };
      }>(
        'query S($period: Period!) { submissionStatus(period: $period) { countries { country recordCount recordsInForce } } }',
        { period: '2025-Q3' },
        hub.adminToken,
      );
      const held: { count: string }[] = await hub.dataSource.query(
        `SELECT count(*) AS count FROM hub_record WHERE country = 'AT' AND period = '2025-Q3'`,
      );
      const austrianStatus = status.data?.submissionStatus.countries.find((country) => country.country === 'AT');
      expect(austrianStatus?.recordsInForce).toBe(Number(held[0]?.count));
      expect(austrianStatus!.recordCount - austrianStatus!.recordsInForce).toBeGreaterThan(0);
      const ledger = await hub.graphql<{ revocations: unknown[] }>(
        '{ revocations { noticeId nodeId country pseudonymCount erased } }',
        {},
        hub.adminToken,
      );
      expect(ledger.data?.revocations).toEqual([
        { noticeId: notice.noticeId, nodeId: 'node-at', country: 'AT', pseudonymCount: 3, erased: 4 },
      ]);
      const ledgerRows = JSON.stringify(await hub.dataSource.query('SELECT * FROM hub_revocation'));
      for (const pseudonym of revoked) expect(ledgerRows).not.toContain(pseudonym);

      const before = await tableRowCounts(hub.dataSource);
      const replay = await hub.graphql<{ submitRevocation: unknown }>(SUBMIT_REVOCATION, { jws });
      expect(replay.data?.submitRevocation).toEqual({ ...answer.data?.submitRevocation, status: 'DUPLICATE' });
      expect(await tableRowCounts(hub.dataSource)).toEqual(before);
    });

    it('refuses a notice for another country, a forged one, and a notice breaking the standard, changing nothing', async () => {
      const before = await tableRowCounts(hub.dataSource);
      const pseudonyms = [germany.pseudonym('DE-0')];
      const revoke = (jws: string) => hub.graphql(SUBMIT_REVOCATION, { jws });
      expect(errorCode(await revoke(await austria.signRevocation(austria.revocation('DE', pseudonyms))))).toBe('COUNTRY_NOT_ALLOWED');
      expect(errorCode(await revoke(await germany.forge(germany.revocation('DE', pseudonyms), JwsTypes.revocation)))).toBe('BAD_SIGNATURE');
      expect(errorCode(await revoke(await germany.signRevocation({ ...germany.revocation('DE', pseudonyms), pseudonyms: ['x'] })))).toBe(
        'INVALID_NOTICE',
      );
      expect(await tableRowCounts(hub.dataSource)).toEqual(before);
    });
  });

  describe('key rotation and retirement', () => {
    it('accepts the new key after a rotation, refuses the retired one, and refuses a retired node', async () => {
      const successor = await SimulatedNode.create('node-de', ['DE']);
      const rotated = await hub.graphql<{ rotateNodeKey: { keys: { kid: string; active: boolean }[] } }>(
        'mutation R($input: RotateNodeKeyInput!) { rotateNodeKey(input: $input) { keys { kid active } } }',
        { input: { nodeId: 'node-de', publicJwk: JSON.stringify(successor.publicJwk) } },
        hub.adminToken,
      );
      expect(rotated.data?.rotateNodeKey.keys).toEqual([
        { kid: germany.kid, active: false },
        { kid: successor.kid, active: true },
      ]);
      const records = (node: SimulatedNode, period = '2025-Q2') =>
        syntheticRecords(node, 'DE', period, syntheticPersons(node, 'DE', 0, 3), 5);
      await expectRefusedWithoutChange(await germany.signReturn(germany.buildReturn('DE', '2025-Q2', records(germany))), 'UNKNOWN_KEY');
      const fresh = await submit(await successor.signReturn(successor.buildReturn('DE', '2025-Q2', records(successor))));
      expect(fresh.data?.submitReturn.status).toBe('ACCEPTED');

      const retired = await hub.graphql('mutation { retireNode(nodeId: "node-de") { retiredAt } }', {}, hub.adminToken);
      expect(retired.errors).toBeUndefined();
      await expectRefusedWithoutChange(
        await successor.signReturn(successor.buildReturn('DE', '2025-Q3', records(successor, '2025-Q3'))),
        'NODE_RETIRED',
      );
    });
  });
});
