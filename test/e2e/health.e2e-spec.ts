import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createScratchDatabase, type ScratchDatabase } from '#app/database';
import { HubConfig } from '../../apps/hub/src/config/hub.config.js';
import { createHubApp } from '../../apps/hub/src/hub-app.factory.js';
import { hubMigrations } from '../../apps/hub/src/hub.migrations.js';
import { NodeConfig } from '../../apps/node/src/config/node.config.js';
import { createNodeApp } from '../../apps/node/src/node-app.factory.js';
import { nodeMigrations } from '../../apps/node/src/node.migrations.js';

const healthQuery = '{ health { role version database ready migrations { applied pending latest } } }';
const expectedKind = process.env.DATABASE_URL ? 'POSTGRES' : 'EMBEDDED';

const apps = [
  {
    role: 'HUB',
    migrations: hubMigrations.length,
    create: (scratch: ScratchDatabase) =>
      createHubApp(HubConfig.fromEnv({ DATA_DIR: scratch.dataDir, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn' }), () => undefined),
  },
  {
    role: 'NODE',
    migrations: nodeMigrations.length,
    create: (scratch: ScratchDatabase) =>
      createNodeApp(NodeConfig.fromEnv({ DATA_DIR: scratch.dataDir, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn' }), () => undefined),
  },
] as const;

describe.each(apps)('$role app health over HTTP', ({ role, migrations, create }) => {
  let scratch: ScratchDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    scratch = await createScratchDatabase(`health-${role}`);
    app = await create(scratch);
    await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await app?.close();
    await scratch?.dispose();
  });

  it('answers the health query with role, version, database kind and an up-to-date schema', async () => {
    const response = await request(app.getHttpServer()).post('/graphql').send({ query: healthQuery }).expect(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.health).toMatchObject({
      role,
      database: expectedKind,
      ready: true,
      migrations: { applied: migrations, pending: 0 },
    });
    expect(response.body.data.health.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('serves liveness and readiness probes and a request id', async () => {
    const live = await request(app.getHttpServer()).get('/healthz').expect(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(live.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    await request(app.getHttpServer()).get('/readyz').expect(200, { status: 'ready' });
  });

  it('refuses a batch of operations in one request', async () => {
    const response = await request(app.getHttpServer())
      .post('/graphql')
      .send([{ query: healthQuery }, { query: healthQuery }]);
    expect(response.status).toBe(400);
  });

  it('answers a malformed query with a parse error and no stack trace', async () => {
    const response = await request(app.getHttpServer()).post('/graphql').send({ query: '{ health { role ' });
    expect(response.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(response.body)).not.toMatch(/stack|\/work\/|node_modules/);
  });
});
