import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';
import { ReleaseWriter } from '../releases/release-writer.js';
import { IdempotencyInProgressError } from './idempotency-in-progress-error.js';
import { IdempotencyStore } from './idempotency-store.js';

describe('Idempotency-Key on the hooks', () => {
  let api: AdminApi;
  let hooks: PipelineHooks;
  let tokenId: string;
  let n = 0;
  const key = () => ({ 'idempotency-key': `retry-${++n}` });
  const count = async (table: string): Promise<number> =>
    Number((await api.server.storage.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    api = await startAdminApi();
    hooks = await pipelineHooks(api);
    [{ id: tokenId }] = await api.server.storage.dataSource.query('SELECT id FROM tokens WHERE prefix = $1', [
      hooks.token.slice(0, 12),
    ]);
    await hooks.post('/hooks/v1/artifacts', { application: 'shop', version: '1.0.0' });
  });
  afterAll(() => api?.close());

  const deploy = { application: 'shop', version: '1.0.0', environment: 'staging' };

  it('replays the first answer, status and body, to a retry with the same key and body', async () => {
    const headers = key();
    const first = await hooks.post('/hooks/v1/deployments', deploy, { headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const before = await count('deployments');
    for (let i = 0; i < 2; i++) {
      const retry = await hooks.post('/hooks/v1/deployments', deploy, { headers });
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
    }
    expect(await count('deployments')).toBe(before);
  });

  it('replays a 200 as a 200', async () => {
    const headers = key();
    await hooks.post('/hooks/v1/artifacts', { application: 'shop', version: '1.0.0' }, { headers: key() });
    const first = await hooks.post(
      '/hooks/v1/artifacts',
      { application: 'shop', version: '1.0.0' },
      { headers },
    );
    const retry = await hooks.post(
      '/hooks/v1/artifacts',
      { application: 'shop', version: '1.0.0' },
      { headers },
    );
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('refuses the key with another body or on another hook as IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    const headers = key();
    await hooks.post('/hooks/v1/deployments', deploy, { headers });
    const before = await count('deployments');
    const otherBody = await hooks.post(
      '/hooks/v1/deployments',
      { ...deploy, environment: 'production' },
      { headers },
    );
    expect(otherBody.status).toBe(422);
    expect(otherBody.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    const spaced = await hooks.post('/hooks/v1/deployments', undefined, {
      headers,
      raw: JSON.stringify(deploy, null, 1),
    });
    expect(spaced.status).toBe(422);
    const otherHook = await hooks.post(
      '/hooks/v1/health',
      { application: 'shop', environment: 'staging', status: 'ok', source: 'x' },
      { headers },
    );
    expect(otherHook.status).toBe(422);
    expect(await count('deployments')).toBe(before);
    expect(await count('health_signals')).toBe(0);
  });

  it('keeps no answer of a refused request: the retry runs again and may succeed', async () => {
    const headers = key();
    const body = { application: 'shop', version: '2.0.0', environment: 'staging' };
    const missing = await hooks.post('/hooks/v1/deployments', body, { headers });
    expect(missing.status).toBe(404);
    await hooks.post('/hooks/v1/artifacts', { application: 'shop', version: '2.0.0' });
    const retry = await hooks.post('/hooks/v1/deployments', body, { headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('keeps keys apart per token', async () => {
    const headers = key();
    const other = await pipelineHooks(api, { name: 'other ci' });
    const a = await hooks.post('/hooks/v1/deployments', deploy, { headers });
    const b = await other.post('/hooks/v1/deployments', deploy, { headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.deployment.id).not.toBe(a.body.deployment.id);
  });

  it('refuses a key that is empty, too long or not printable ASCII', async () => {
    for (const value of [' ', 'k'.repeat(256), 'clé']) {
      const res = await hooks.post('/hooks/v1/deployments', deploy, {
        headers: { 'idempotency-key': value },
      });
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        expect.objectContaining({ path: '/headers/idempotency-key', code: 'INVALID_IDEMPOTENCY_KEY' }),
      ]);
    }
    const longest = await hooks.post('/hooks/v1/deployments', deploy, {
      headers: { 'idempotency-key': 'k'.repeat(255) },
    });
    expect(longest.status).toBe(201);
  });

  describe('IdempotencyStore', () => {
    const store = () => api.server.app.get(IdempotencyStore);
    const sql = (query: string, params: unknown[]) => api.server.storage.dataSource.query(query, params);

    it('answers a second claim of a key in progress with IDEMPOTENCY_IN_PROGRESS once its wait is over', async () => {
      const first = await store().claim(tokenId, 'in-progress', 'hash-a');
      expect(first.kind).toBe('claimed');
      await expect(store().claim(tokenId, 'in-progress', 'hash-a', 200)).rejects.toBeInstanceOf(
        IdempotencyInProgressError,
      );
    });

    it('hands a second claim the answer once the first completes while it waits', async () => {
      const first = await store().claim(tokenId, 'waiting', 'hash-a');
      if (first.kind !== 'claimed') throw new Error('not claimed');
      const second = store().claim(tokenId, 'waiting', 'hash-a', 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await api.server.storage.dataSource.transaction((db) =>
        store().complete(db, first.claim, { status: 201, body: { done: true } }),
      );
      expect(await second).toEqual({ kind: 'replay', response: { status: 201, body: { done: true } } });
    });

    it('lets a claim abandoned for 30 s be taken over, and then the first one can no longer complete', async () => {
      const abandoned = await store().claim(tokenId, 'abandoned', 'hash-a');
      if (abandoned.kind !== 'claimed') throw new Error('not claimed');
      await sql(`UPDATE idempotency_keys SET locked_at = now() - interval '31 seconds' WHERE key = $1`, [
        'abandoned',
      ]);
      expect((await store().claim(tokenId, 'abandoned', 'hash-a', 0)).kind).toBe('claimed');
      const before = await count('applications');
      const late = api.server.app.get(ReleaseWriter).write(
        async (tx) => {
          await tx.manager.query(`INSERT INTO applications (id, project_id, key, name)
            SELECT gen_random_uuid(), id, 'late', 'late' FROM projects WHERE key = 'default'`);
          return { status: 201, body: {} };
        },
        (db, response) => store().complete(db, abandoned.claim, response),
      );
      await expect(late).rejects.toBeInstanceOf(IdempotencyInProgressError);
      expect(await count('applications')).toBe(before);
    });

    it('forgets keys after 24 hours: the same key then runs a new request', async () => {
      const first = await store().claim(tokenId, 'yesterday', 'hash-a');
      if (first.kind !== 'claimed') throw new Error('not claimed');
      await api.server.storage.dataSource.transaction((db) =>
        store().complete(db, first.claim, { status: 201, body: {} }),
      );
      await sql(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [
        'yesterday',
      ]);
      expect((await store().claim(tokenId, 'yesterday', 'hash-b', 0)).kind).toBe('claimed');
    });
  });
});
