import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Snapshot } from '@flagstaff/sdk-core';
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { SecretBox } from '../configuration/secret-box.js';
import { DeliveryStats } from './delivery-stats.js';

const PLAINTEXT = 'postgres://app:hunter2-Zq8@db.internal/app';

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

describe('GET /sdk/v1/snapshot', () => {
  let api: AdminApi;
  let serverKey: string;
  let clientKey: string;

  /** node:http rather than fetch: fetch decodes bodies and sets Accept-Encoding itself. */
  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(`${api.url}${path}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  const snapshot = (key: string, headers: Record<string, string> = {}) =>
    get('/sdk/v1/snapshot', { authorization: `Bearer ${key}`, ...headers });

  const json = (answer: Answer) => JSON.parse(answer.body.toString('utf8')) as Snapshot;

  async function gql(query: string, variables?: Record<string, unknown>) {
    const res = await api.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, never>;
  }

  beforeAll(async () => {
    api = await startAdminApi();
    await gql(
      `mutation { createSegment(project: "default", input: { key: "beta", name: "Beta", included: ["u1"] }) { key } }`,
    );
    await gql(
      `mutation($keys: [String!]) { createSegment(project: "default", input: { key: "internal", name: "Internal", included: $keys }) { key } }`,
      {
        keys: Array.from({ length: 200 }, (_, i) => `employee-${i}`),
      },
    );
    await gql(
      `mutation { createSegment(project: "default", input: { key: "unused", name: "Unused" }) { key } }`,
    );
    await gql(
      `mutation { createFlag(project: "default", input: { key: "server-only", name: "S", kind: BOOLEAN }) { key } }`,
    );
    await gql(
      `mutation { createFlag(project: "default", input: { key: "in-browser", name: "B", kind: BOOLEAN, clientSide: true }) { key } }`,
    );
    for (const [flag, segment] of [
      ['server-only', 'internal'],
      ['in-browser', 'beta'],
    ]) {
      await gql(
        `mutation($flag: String!, $segment: JSON!) { updateFlagConfig(project: "default", environment: "development", flag: $flag, expectedVersion: 1, input: {
          enabled: true, offVariation: "off", fallthrough: { variation: "off" },
          rules: [{ id: "r", clauses: [{ op: "segmentMatch", values: [$segment] }], serve: { variation: "on" } }] }) { version } }`,
        { flag, segment },
      );
    }
    const SET = `mutation($input: ConfigEntryInput!) { setConfigEntry(project: "default", environment: "development", input: $input) { key } }`;
    await gql(SET, { input: { key: 'retries', type: 'NUMBER', value: 3 } });
    await gql(SET, { input: { key: 'theme', type: 'STRING', value: 'dark', clientSide: true } });
    await gql(
      `mutation($v: String!) { setSecret(project: "default", environment: "development", input: { key: "db.url", value: $v }) { key } }`,
      {
        v: PLAINTEXT,
      },
    );
    serverKey = (await api.sdkKey('SERVER')).secret;
    clientKey = (await api.sdkKey('CLIENT')).secret;
  });
  afterAll(() => api?.close());

  const version = async (env = 'development') => {
    const [row]: { version: string }[] = await api.server.storage.dataSource.query(
      'SELECT version FROM environments WHERE key = $1',
      [env],
    );
    return Number(row!.version);
  };

  describe('what a key receives', () => {
    it('gives a server key every flag, segment and entry of its environment, secrets decrypted', async () => {
      const answer = await snapshot(serverKey);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      const body = json(answer);
      expect(body.version).toBe(await version());
      expect(Object.keys(body.flags).sort()).toEqual(['in-browser', 'server-only']);
      expect(Object.keys(body.segments).sort()).toEqual(['beta', 'internal', 'unused']);
      expect(body.config).toEqual({
        retries: { type: 'number', value: 3 },
        theme: { type: 'string', value: 'dark' },
        'db.url': { type: 'string', value: PLAINTEXT, secret: true },
      });
      expect(body.flags['server-only']!.rules[0]!.clauses[0]).toMatchObject({
        op: 'segmentMatch',
        values: ['internal'],
      });
    });

    it('gives a client key only client-side flags, the segments they use and client-side plain entries', async () => {
      const answer = await snapshot(clientKey);
      expect(answer.status).toBe(200);
      const body = json(answer);
      expect(Object.keys(body.flags)).toEqual(['in-browser']);
      expect(Object.keys(body.segments)).toEqual(['beta']);
      expect(body.config).toEqual({ theme: { type: 'string', value: 'dark' } });
      const text = answer.body.toString('utf8');
      for (const hidden of ['server-only', 'internal', 'unused', 'retries', 'db.url', PLAINTEXT]) {
        expect(text).not.toContain(hidden);
      }
    });

    it('gives a client key its snapshot with ?key= too, for EventSource in browsers', async () => {
      const answer = await get(`/sdk/v1/snapshot?key=${clientKey}`);
      expect(answer.status).toBe(200);
      expect(Object.keys(json(answer).flags)).toEqual(['in-browser']);
    });

    it('leaves out a secret it cannot decrypt and still answers with everything else', async () => {
      const stagingKey = (await api.sdkKey('SERVER', 'staging')).secret;
      const otherBox = new SecretBox(randomBytes(32));
      await api.server.storage.dataSource.query(
        `INSERT INTO config_entries (id, environment_id, key, type, description, value, secret, ciphertext, key_id, client_side, version)
         SELECT $1, id, 'old.secret', 'string', '', NULL, true, $2, $3, false, 1 FROM environments WHERE key = 'staging'`,
        [randomUUID(), otherBox.seal('sealed elsewhere'), otherBox.keyId],
      );
      await gql(
        `mutation { setConfigEntry(project: "default", environment: "staging", input: { key: "plain", type: STRING, value: "yes" }) { key } }`,
      );
      await gql(
        `mutation { setSecret(project: "default", environment: "staging", input: { key: "good.secret", value: "readable" }) { key } }`,
      );
      const answer = await snapshot(stagingKey);
      expect(answer.status).toBe(200);
      expect(json(answer).config).toEqual({
        plain: { type: 'string', value: 'yes' },
        'good.secret': { type: 'string', value: 'readable', secret: true },
      });
      expect(api.server.app.get(DeliveryStats).secretsLeftOutTotal).toBeGreaterThanOrEqual(1);
    });
  });

  describe('keys that are refused', () => {
    async function refusal(headers: Record<string, string>, path = '/sdk/v1/snapshot') {
      const answer = await get(path, headers);
      expect(answer.status).toBe(401);
      const body = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
      expect(body.requestId).toEqual(answer.headers['x-request-id']);
      return { ...body, requestId: 'ignored' };
    }

    it('answers every kind of bad key with the same 401', async () => {
      const revoked = await api.sdkKey('SERVER');
      await gql(`mutation($id: ID!) { revokeToken(project: "default", id: $id) { id } }`, {
        id: revoked.id,
      });
      const pipeline = await gql(
        `mutation { createPipelineToken(project: "default", input: { name: "ci" }) { secret } }`,
      );
      const pipelineToken = (pipeline.createPipelineToken as { secret: string }).secret;
      const expected = {
        statusCode: 401,
        code: 'UNAUTHENTICATED',
        message: 'a valid SDK key is required',
        requestId: 'ignored',
      };
      const cases: Record<string, string>[] = [
        {},
        { authorization: 'Bearer' },
        { authorization: 'Basic dXNlcjpwYXNz' },
        { authorization: `Bearer fss_${randomBytes(32).toString('base64url')}` },
        { authorization: `Bearer fsc_${randomBytes(32).toString('base64url')}` },
        { authorization: `Bearer ${revoked.secret}` },
        { authorization: `Bearer ${api.ownerToken}` },
        { authorization: `Bearer ${pipelineToken}` },
        { authorization: `Bearer ${serverKey}x` },
      ];
      for (const headers of cases) expect(await refusal(headers)).toEqual(expected);
      expect(await refusal({}, `/sdk/v1/snapshot?key=${serverKey}`)).toEqual(expected);
      expect(await refusal({}, '/sdk/v1/stream')).toEqual(expected);
    });

    it('stops accepting a key within seconds of its revocation', async () => {
      const key = await api.sdkKey('CLIENT');
      expect((await snapshot(key.secret)).status).toBe(200);
      await gql(`mutation($id: ID!) { revokeToken(project: "default", id: $id) { id } }`, {
        id: key.id,
      });
      let status = 200;
      for (let i = 0; i < 100 && status === 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await snapshot(key.secret)).status;
      }
      expect(status).toBe(401);
    });

    it('refuses the keys of an archived environment', async () => {
      await gql(
        `mutation { createEnvironment(project: "default", input: { key: "old", name: "Old" }) { key } }`,
      );
      const key = await api.sdkKey('SERVER', 'old');
      await gql(`mutation { archiveEnvironment(project: "default", environment: "old") { key } }`);
      expect((await snapshot(key.secret)).status).toBe(401);
    });
  });

  describe('revalidation and encodings', () => {
    it('answers a current If-None-Match with 304 and no body, a stale one with the new snapshot', async () => {
      const first = await snapshot(serverKey);
      const etag = first.headers.etag!;
      expect(etag).toBe(`"${json(first).version}"`);
      expect(first.headers['cache-control']).toBe('no-cache');
      expect(first.headers.vary).toBe('Authorization, Accept-Encoding');
      for (const condition of [etag, `W/${etag}`, `"1", ${etag}`, '*']) {
        const again = await snapshot(serverKey, { 'if-none-match': condition });
        expect(again.status).toBe(304);
        expect(again.body.length).toBe(0);
        expect(again.headers.etag).toBe(etag);
        expect(again.headers['cache-control']).toBe('no-cache');
      }
      await gql(
        `mutation { setConfigEntry(project: "default", environment: "development", input: { key: "retries", type: NUMBER, value: 4 }, expectedVersion: 1) { key } }`,
      );
      const changed = await snapshot(serverKey, { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(json(changed).config.retries).toEqual({ type: 'number', value: 4 });
      expect(changed.headers.etag).toBe(`"${json(first).version + 1}"`);
    });

    it('never answers with an older version than the client names, though this instance has not heard of it yet', async () => {
      const bus = api.server.bus;
      const publish = bus.publish.bind(bus);
      bus.publish = async () => {};
      try {
        await gql(
          `mutation { setConfigEntry(project: "default", environment: "development", input: { key: "unheard", type: NUMBER, value: 1 }) { key } }`,
        );
        const current = `"${await version()}"`;
        const answer = await snapshot(serverKey, { 'if-none-match': current });
        expect(answer.status).toBe(304);
        expect(answer.headers.etag).toBe(current);
      } finally {
        bus.publish = publish;
      }
    });

    it('compresses with brotli or gzip as the request allows, and not otherwise', async () => {
      const plain = await snapshot(serverKey);
      expect(plain.body.length).toBeGreaterThan(1024);
      expect(plain.headers['content-encoding']).toBeUndefined();
      const br = await snapshot(serverKey, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length);
      const gzip = await snapshot(serverKey, { 'accept-encoding': 'gzip, br;q=0' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
      const identity = await snapshot(serverKey, { 'accept-encoding': 'identity' });
      expect(identity.headers['content-encoding']).toBeUndefined();
    });

    it('sends a small snapshot as it is, whatever the request allows', async () => {
      const answer = await snapshot(clientKey, { 'accept-encoding': 'br, gzip' });
      expect(answer.body.length).toBeLessThan(1024);
      expect(answer.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('browsers (CORS)', () => {
    it('lets pages read client keys’ answers, ETag included', async () => {
      const answer = await snapshot(clientKey);
      expect(answer.headers['access-control-allow-origin']).toBe('*');
      expect(answer.headers['access-control-expose-headers']).toBe('ETag');
    });

    it('gives server keys’ answers no CORS headers', async () => {
      const answer = await snapshot(serverKey);
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('answers preflights with 204 and the headers an SDK sends', async () => {
      for (const path of ['/sdk/v1/snapshot', '/sdk/v1/stream']) {
        const answer = await get(
          path,
          { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
          'OPTIONS',
        );
        expect(answer.status).toBe(204);
        expect(answer.headers['access-control-allow-origin']).toBe('*');
        expect(answer.headers['access-control-allow-headers']).toBe(
          'Authorization, If-None-Match, Last-Event-ID',
        );
        expect(answer.headers['access-control-allow-methods']).toBe('GET, OPTIONS');
      }
    });
  });
});
