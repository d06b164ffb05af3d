import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import {
  hooksClient,
  pipelineHooks,
  signBody,
  type PipelineHooks,
} from '../../../test/support/pipeline-hooks.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startServer, type RunningServer } from '../server.js';
import { openStorage } from '../storage/storage.js';

/**
 * Requests with one Idempotency-Key at the same moment, on real Postgres connections, to one
 * instance and to two instances of one database: the write happens once, and every request gets
 * its answer.
 */
describe('Idempotency-Key under concurrency (postgres)', () => {
  let api: AdminApi;
  let second: RunningServer;
  let hooks: PipelineHooks;

  const deployments = async (): Promise<number> =>
    Number((await api.server.storage.dataSource.query('SELECT count(*) AS n FROM deployments'))[0].n);

  beforeAll(async () => {
    api = await startAdminApi({ backend: 'postgres' });
    const url = (api.server.storage.dataSource.options as { url: string }).url;
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: url,
      FLAGSTAFF_SECRET_KEY: Buffer.alloc(32, 7).toString('hex'),
    });
    second = await startServer(config, createLogger(config), openStorage(config));
    hooks = await pipelineHooks(api);
    expect((await hooks.post('/hooks/v1/artifacts', { application: 'shop', version: '1.0.0' })).status).toBe(
      201,
    );
  });
  afterAll(async () => {
    await second?.close();
    await api?.close();
  });

  const body = { application: 'shop', version: '1.0.0', environment: 'production' };

  it('executes 20 simultaneous requests with one key once, and answers each with the same deployment', async () => {
    const before = await deployments();
    const headers = { 'idempotency-key': 'deploy-42' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => hooks.post('/hooks/v1/deployments', body, { headers })),
    );
    expect(await deployments()).toBe(before + 1);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.deployment.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
  });

  it('executes once across two instances of one database', async () => {
    const before = await deployments();
    const headers = { 'idempotency-key': 'deploy-43' };
    const onSecond = hooksClient(second.url, hooks.token);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? hooks : onSecond).post('/hooks/v1/deployments', body, { headers }),
      ),
    );
    expect(await deployments()).toBe(before + 1);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.deployment.id)).size).toBe(1);
  });

  it('refuses the key for a different body sent at the same time, while the first executes once', async () => {
    const before = await deployments();
    const headers = { 'idempotency-key': 'deploy-44' };
    const answers = await Promise.all([
      hooks.post('/hooks/v1/deployments', body, { headers }),
      hooks.post('/hooks/v1/deployments', { ...body, environment: 'staging' }, { headers }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(await deployments()).toBe(before + 1);
  });

  it('accepts a signature once even when it arrives at both instances at once', async () => {
    const signed = await pipelineHooks(api, { requireSignature: true, name: 'signed' });
    const raw = JSON.stringify({ application: 'shop', version: '1.0.1' });
    const signature = signBody(signed.signingSecret!, Math.floor(Date.now() / 1000), raw);
    const onSecond = hooksClient(second.url, signed.token);
    const answers = await Promise.all(
      [hooksClient(api.url, signed.token), onSecond, hooksClient(api.url, signed.token), onSecond].map(
        (client) =>
          client.post('/hooks/v1/artifacts', undefined, {
            raw,
            headers: { 'x-flagstaff-signature': signature },
          }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 401, 401, 401]);
  });
});
