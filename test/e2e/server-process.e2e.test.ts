import { afterAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import { openStorage } from '../../server/src/storage/storage.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { graphql } from '../support/graphql.js';
import { ServerProcess } from '../support/server-process.js';

const dataDir = freshDataDir;
afterAll(removeDataDirs);

describe('the server process on the embedded default', () => {
  it('serves health, readiness and GraphQL, prints the sign-in once, and keeps its data across a restart', async () => {
    const dir = await dataDir();
    const first = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dir });
    try {
      expect(first.stdout).toContain('Flagstaff is ready for its first sign-in.');
      const token = /Owner token: {2}(fsa_[A-Za-z0-9_-]+)/.exec(first.stdout)?.[1];
      expect(token).toBeDefined();
      expect(first.stdout).toContain(`Console:      ${first.url.replace('127.0.0.1', 'localhost')}`);

      expect(await (await fetch(`${first.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${first.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', bus: 'ok', server: 'ok' },
      });
      expect(await graphql(first.url, '{ serverInfo { version storage bus } }')).toEqual({
        data: { serverInfo: { version: '0.1.0', storage: 'pglite', bus: 'memory' } },
      });
    } finally {
      expect((await first.stop()).code).toBe(0);
    }

    const second = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dir });
    expect(second.stdout).not.toContain('first sign-in');
    expect((await second.stop()).code).toBe(0);

    const storage = await openStorage({ databaseUrl: undefined, dataDir: dir });
    const projects = await storage.dataSource.query('SELECT key FROM projects');
    const tokens = await storage.dataSource.query('SELECT count(*)::int AS n FROM tokens');
    await storage.dataSource.destroy();
    expect(projects).toEqual([{ key: 'default' }]);
    expect(tokens).toEqual([{ n: 1 }]);
  });

  it('answers bad requests with a clear 4xx JSON error and a request id', async () => {
    const server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await dataDir() });
    try {
      const missing = await fetch(`${server.url}/no/such/route`);
      expect(missing.status).toBe(404);
      const missingBody = (await missing.json()) as { requestId: string };
      expect(missingBody).toMatchObject({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'No route GET /no/such/route',
      });
      expect(missingBody.requestId).toBe(missing.headers.get('x-request-id'));

      const malformed = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query": ',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.text()).toMatch(/not valid JSON/);

      const restMalformed = await fetch(`${server.url}/healthz`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{oops',
      });
      expect(restMalformed.status).toBe(400);
      expect(await restMalformed.json()).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });

      const traced = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'trace-me-123' } });
      expect(traced.headers.get('x-request-id')).toBe('trace-me-123');
    } finally {
      await server.stop();
    }
  });

  it('exits 0 within 10 seconds of SIGTERM, finishing a request that was in flight', async () => {
    const server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await dataDir() });
    // A keep-alive connection stays open; shutdown must not wait for it to time out.
    await fetch(`${server.url}/healthz`);
    // A request whose body is still arriving when SIGTERM lands.
    let signalled = 0;
    const body = JSON.stringify({ query: '{ serverInfo { storage } }' });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        signalled = Date.now();
        server.signal('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });
    expect(await answer).toEqual({ status: 200, body: '{"data":{"serverInfo":{"storage":"pglite"}}}' });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(server.logLines().some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('exits 0 on SIGINT too', async () => {
    const server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await dataDir() });
    server.signal('SIGINT');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});

describe('the server process refusing to start', () => {
  it.each([
    [
      { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' },
      /^flagstaff: cannot connect to DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:1\/none\): .*ECONNREFUSED/,
    ],
    [
      { DATABASE_URL: 'mysql://db' },
      /^flagstaff: invalid configuration: DATABASE_URL must start with postgres:\/\//,
    ],
    [{ PORT: 'http' }, /^flagstaff: invalid configuration: PORT must be an integer/],
    [
      { REDIS_URL: 'redis://127.0.0.1:1' },
      /^flagstaff: cannot connect to REDIS_URL \(redis:\/\/127\.0\.0\.1:1\): .*ECONNREFUSED/,
    ],
  ])('with %p exits non-zero with one clear line', async (env, line) => {
    const result = await ServerProcess.runToExit({ FLAGSTAFF_DATA_DIR: await dataDir(), ...env });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  });

  it('refuses a data folder that another running server uses', async () => {
    const dir = await dataDir();
    const running = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dir });
    try {
      const second = await ServerProcess.runToExit({ FLAGSTAFF_DATA_DIR: dir });
      expect(second.code).toBe(1);
      expect(second.stderr.trim()).toBe(
        `flagstaff: cannot use FLAGSTAFF_DATA_DIR: ${dir} is in use by another Flagstaff process (pid ${running.pid})`,
      );
      expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
    } finally {
      await running.stop();
    }
  });
});
