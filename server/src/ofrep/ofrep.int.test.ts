import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compile, type EvaluationContext, type Snapshot } from '@flagstaff/sdk-core';
import { randomBytes } from 'node:crypto';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { bulkEtag } from './bulk-etag.js';

const CREATE_FLAG = `mutation($input: CreateFlagInput!) { createFlag(project: "default", input: $input) { key } }`;
const CONFIGURE = `mutation($flag: String!, $input: FlagConfigInput!, $expected: Int!) {
  updateFlagConfig(project: "default", environment: "development", flag: $flag, expectedVersion: $expected, input: $input) { version } }`;

const METADATA = { owner: 'web-team', ticket: 123, beta: true };

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

describe('OFREP', () => {
  let api: AdminApi;
  let serverKey: string;
  let clientKey: string;

  async function gql(query: string, variables?: Record<string, unknown>) {
    const res = await api.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, never>;
  }

  async function flag(input: Record<string, unknown>, config?: Record<string, unknown>) {
    await gql(CREATE_FLAG, { input });
    if (config) await gql(CONFIGURE, { flag: input.key, input: config, expected: 1 });
  }

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  const evaluate = (flagKey: string, context?: EvaluationContext, key = serverKey) =>
    post(`/ofrep/v1/evaluate/flags/${flagKey}`, context === undefined ? {} : { context }, {
      authorization: `Bearer ${key}`,
    });

  const bulk = (context: EvaluationContext, key = serverKey, headers: Record<string, string> = {}) =>
    post('/ofrep/v1/evaluate/flags', { context }, { authorization: `Bearer ${key}`, ...headers });

  beforeAll(async () => {
    api = await startAdminApi();
    await flag(
      { key: 'dark-mode', name: 'Dark mode', kind: 'BOOLEAN', clientSide: true, metadata: METADATA },
      { enabled: true, offVariation: 'off', fallthrough: { variation: 'on' } },
    );
    await flag(
      {
        key: 'banner-color',
        name: 'Banner',
        kind: 'STRING',
        variations: [
          { key: 'red', value: 'red' },
          { key: 'blue', value: 'blue' },
          { key: 'green', value: 'green' },
        ],
        offVariation: 'red',
      },
      {
        enabled: true,
        offVariation: 'red',
        targets: [{ variation: 'green', values: ['vip-1'] }],
        rules: [
          { clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }], serve: { variation: 'blue' } },
        ],
        fallthrough: { variation: 'red' },
      },
    );
    await flag(
      {
        key: 'max-items',
        name: 'Max items',
        kind: 'NUMBER',
        variations: [
          { key: 'small', value: 10 },
          { key: 'large', value: 25.5 },
        ],
        offVariation: 'small',
      },
      { enabled: true, offVariation: 'small', fallthrough: { variation: 'large' } },
    );
    await flag(
      {
        key: 'layout',
        name: 'Layout',
        kind: 'JSON',
        variations: [
          { key: 'classic', value: { columns: 1 } },
          { key: 'grid', value: { columns: 3, widgets: ['news', 'weather'] } },
        ],
        offVariation: 'classic',
      },
      { enabled: true, offVariation: 'classic', fallthrough: { variation: 'grid' } },
    );
    await flag(
      { key: 'new-checkout', name: 'New checkout', kind: 'BOOLEAN', clientSide: true },
      {
        enabled: true,
        offVariation: 'off',
        fallthrough: {
          rollout: {
            weights: [
              { variation: 'on', weight: 50_000 },
              { variation: 'off', weight: 50_000 },
            ],
          },
        },
      },
    );
    await flag(
      { key: 'legacy-search', name: 'Legacy search', kind: 'BOOLEAN' },
      { enabled: false, offVariation: 'off', fallthrough: { variation: 'on' } },
    );
    await flag(
      { key: 'code-default', name: 'Code default', kind: 'BOOLEAN' },
      { enabled: false, offVariation: null, fallthrough: { variation: 'on' } },
    );
    serverKey = (await api.sdkKey('SERVER')).secret;
    clientKey = (await api.sdkKey('CLIENT')).secret;
  });
  afterAll(() => api?.close());

  describe('POST /ofrep/v1/evaluate/flags/{key}', () => {
    it('evaluates a boolean flag with its variant, reason and metadata', async () => {
      const answer = await evaluate('dark-mode', { targetingKey: 'u1' });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.body).toEqual({
        key: 'dark-mode',
        value: true,
        reason: 'STATIC',
        variant: 'on',
        metadata: METADATA,
      });
    });

    it('evaluates string, number and json flags', async () => {
      expect((await evaluate('banner-color', { targetingKey: 'u3' })).body).toEqual({
        key: 'banner-color',
        value: 'red',
        reason: 'DEFAULT',
        variant: 'red',
        metadata: {},
      });
      expect((await evaluate('max-items')).body).toMatchObject({ value: 25.5, variant: 'large' });
      expect((await evaluate('layout')).body).toMatchObject({
        value: { columns: 3, widgets: ['news', 'weather'] },
        variant: 'grid',
        reason: 'STATIC',
      });
    });

    it('serves individual targets and matching rules as TARGETING_MATCH', async () => {
      expect((await evaluate('banner-color', { targetingKey: 'vip-1' })).body).toMatchObject({
        value: 'green',
        reason: 'TARGETING_MATCH',
      });
      expect((await evaluate('banner-color', { targetingKey: 'u2', plan: 'pro' })).body).toMatchObject({
        value: 'blue',
        reason: 'TARGETING_MATCH',
        variant: 'blue',
      });
    });

    it('splits a rollout by targetingKey exactly as an SDK evaluating the snapshot does', async () => {
      const snapshot = (await (
        await fetch(`${api.url}/sdk/v1/snapshot`, { headers: { authorization: `Bearer ${serverKey}` } })
      ).json()) as Snapshot;
      const local = compile(snapshot);
      const seen = new Set<unknown>();
      for (let i = 0; i < 40; i++) {
        const context = { targetingKey: `user-${i}` };
        const answer = await evaluate('new-checkout', context);
        expect(answer.status).toBe(200);
        const expected = local.evaluate('new-checkout', context);
        expect(answer.body).toEqual({
          key: 'new-checkout',
          value: expected.value,
          reason: 'SPLIT',
          variant: expected.variant,
          metadata: {},
        });
        seen.add(answer.body.value);
      }
      expect(seen).toEqual(new Set([true, false]));
    });

    it('serves a disabled flag’s off variation with reason DISABLED', async () => {
      expect((await evaluate('legacy-search', { targetingKey: 'u1' })).body).toEqual({
        key: 'legacy-search',
        value: false,
        reason: 'DISABLED',
        variant: 'off',
        metadata: {},
      });
    });

    it('leaves out the value of a disabled flag without an off variation, so the code default is used', async () => {
      const answer = await evaluate('code-default', { targetingKey: 'u1' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ key: 'code-default', reason: 'DISABLED', metadata: {} });
    });

    it('answers an unknown flag with 404 FLAG_NOT_FOUND', async () => {
      const answer = await evaluate('no-such-flag', { targetingKey: 'u1' });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        key: 'no-such-flag',
        errorCode: 'FLAG_NOT_FOUND',
        errorDetails: expect.any(String),
      });
    });

    it('answers a rollout without targetingKey with 400 TARGETING_KEY_MISSING', async () => {
      for (const context of [undefined, {}, { plan: 'pro' }, { targetingKey: '' }]) {
        const answer = await evaluate('new-checkout', context);
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({
          key: 'new-checkout',
          errorCode: 'TARGETING_KEY_MISSING',
          errorDetails: expect.stringContaining('targetingKey'),
        });
      }
    });

    it('answers a bad request body with 400 PARSE_ERROR or INVALID_CONTEXT in OFREP’s shape', async () => {
      const headers = { authorization: `Bearer ${serverKey}` };
      const path = '/ofrep/v1/evaluate/flags/dark-mode';
      const cases: [unknown, string][] = [
        [{ context: 'u1' }, 'INVALID_CONTEXT'],
        [{ context: [1, 2] }, 'INVALID_CONTEXT'],
        [{ context: { targetingKey: 42 } }, 'INVALID_CONTEXT'],
        [[{ context: {} }], 'PARSE_ERROR'],
        ['"just a string"', 'PARSE_ERROR'],
        ['{"context": {', 'PARSE_ERROR'],
      ];
      for (const [body, errorCode] of cases) {
        const answer = await post(path, body, headers);
        expect({ body, status: answer.status }).toEqual({ body, status: 400 });
        expect(answer.body).toEqual({ key: 'dark-mode', errorCode, errorDetails: expect.any(String) });
      }
    });

    it('evaluates a request without a body with an empty context', async () => {
      const response = await fetch(`${api.url}/ofrep/v1/evaluate/flags/dark-mode`, {
        method: 'POST',
        headers: { authorization: `Bearer ${serverKey}` },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ value: true });
    });

    it('refuses a body over its limit with 413', async () => {
      const answer = await evaluate('dark-mode', { targetingKey: 'u1', blob: 'x'.repeat(300 * 1024) });
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({ key: 'dark-mode', errorCode: 'GENERAL' });
    });
  });

  describe('POST /ofrep/v1/evaluate/flags (bulk)', () => {
    it('evaluates every flag of a server key, each a success or an error entry', async () => {
      const answer = await bulk({ targetingKey: 'vip-1' });
      expect(answer.status).toBe(200);
      const flags = answer.body.flags as Record<string, unknown>[];
      const byKey = Object.fromEntries(flags.map((f) => [f.key, f]));
      expect(Object.keys(byKey).sort()).toEqual([
        'banner-color',
        'code-default',
        'dark-mode',
        'layout',
        'legacy-search',
        'max-items',
        'new-checkout',
      ]);
      expect(byKey['banner-color']).toEqual({
        key: 'banner-color',
        value: 'green',
        reason: 'TARGETING_MATCH',
        variant: 'green',
        metadata: {},
      });
      expect(byKey['code-default']).toEqual({ key: 'code-default', reason: 'DISABLED', metadata: {} });
      expect(byKey['dark-mode']).toMatchObject({ value: true, metadata: METADATA });
      expect(byKey['new-checkout']).toMatchObject({ reason: 'SPLIT' });

      const withoutKey = (await bulk({})).body.flags as Record<string, unknown>[];
      expect(withoutKey.find((f) => f.key === 'new-checkout')).toEqual({
        key: 'new-checkout',
        errorCode: 'TARGETING_KEY_MISSING',
        errorDetails: expect.any(String),
      });
    });

    it('gives a client key only client-side flags, here and in single evaluations', async () => {
      const answer = await bulk({ targetingKey: 'u1' }, clientKey);
      expect(answer.status).toBe(200);
      const keys = (answer.body.flags as { key: string }[]).map((f) => f.key).sort();
      expect(keys).toEqual(['dark-mode', 'new-checkout']);
      expect(answer.text).not.toContain('banner-color');
      expect((await evaluate('dark-mode', { targetingKey: 'u1' }, clientKey)).status).toBe(200);
      const hidden = await evaluate('banner-color', { targetingKey: 'u1' }, clientKey);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toMatchObject({ errorCode: 'FLAG_NOT_FOUND' });
    });

    it('answers If-None-Match naming the current ETag with 304, whatever the context’s key order', async () => {
      const first = await bulk({ targetingKey: 'u1', plan: 'pro', device: { os: 'ios', version: 17 } });
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"\d+-[A-Za-z0-9_-]{22}"$/);
      for (const condition of [etag, `W/${etag}`, `"1-abc", ${etag}`]) {
        const again = await bulk(
          { device: { version: 17, os: 'ios' }, plan: 'pro', targetingKey: 'u1' },
          serverKey,
          {
            'if-none-match': condition,
          },
        );
        expect(again.status).toBe(304);
        expect(again.text).toBe('');
        expect(again.headers.get('etag')).toBe(etag);
      }
      expect((await bulk({ targetingKey: 'u1' }, serverKey, { 'if-none-match': '*' })).status).toBe(200);
    });

    it('changes the ETag with another context, another kind of key and after a flag change', async () => {
      const context = { targetingKey: 'u1' };
      const etag = (await bulk(context)).headers.get('etag')!;
      const other = await bulk({ targetingKey: 'u2' }, serverKey, { 'if-none-match': etag });
      expect(other.status).toBe(200);
      expect(other.headers.get('etag')).not.toBe(etag);
      const client = await bulk(context, clientKey, { 'if-none-match': etag });
      expect(client.status).toBe(200);
      expect(client.headers.get('etag')).not.toBe(etag);

      await gql(
        `mutation { setFlagEnabled(project: "default", environment: "development", flag: "dark-mode", enabled: false, expectedVersion: 2) { version } }`,
      );
      const changed = await bulk(context, serverKey, { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
      const darkMode = (changed.body.flags as Record<string, unknown>[]).find((f) => f.key === 'dark-mode');
      expect(darkMode).toMatchObject({ value: false, reason: 'DISABLED' });
      expect((await evaluate('dark-mode', context)).body).toMatchObject({ value: false, reason: 'DISABLED' });
    });

    it('never answers with an older version than the client’s ETag names, though this instance has not heard of it yet', async () => {
      const context = { targetingKey: 'u1' };
      const bus = api.server.bus;
      const publish = bus.publish.bind(bus);
      bus.publish = async () => {};
      try {
        await gql(
          `mutation { setConfigEntry(project: "default", environment: "development", input: { key: "unheard", type: NUMBER, value: 1 }) { key } }`,
        );
        const [row]: { id: string; version: string }[] = await api.server.storage.dataSource.query(
          `SELECT id, version FROM environments WHERE key = 'development'`,
        );
        // What an instance that heard of the change first would have answered.
        const elsewhere = bulkEtag(row!.id, 'server', Number(row!.version), context);
        const answer = await bulk(context, serverKey, { 'if-none-match': elsewhere });
        expect(answer.status).toBe(304);
        expect(answer.headers.get('etag')).toBe(elsewhere);
      } finally {
        bus.publish = publish;
      }
    });

    it('answers a bad body with 400 in the bulk failure shape', async () => {
      const headers = { authorization: `Bearer ${serverKey}` };
      for (const [body, errorCode] of [
        [{ context: 7 }, 'INVALID_CONTEXT'],
        ['[]', 'PARSE_ERROR'],
        ['{"context"', 'PARSE_ERROR'],
        [`{"context": {"deep": ${'['.repeat(50_000)}${']'.repeat(50_000)}}}`, 'INVALID_CONTEXT'],
      ] as const) {
        const answer = await post('/ofrep/v1/evaluate/flags', body, headers);
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual({ errorCode, errorDetails: expect.any(String) });
      }
    });
  });

  describe('keys', () => {
    it('accepts the key as a bearer token or in X-API-Key', async () => {
      const answer = await post('/ofrep/v1/evaluate/flags/dark-mode', {}, { 'x-api-key': serverKey });
      expect(answer.status).toBe(200);
    });

    it('answers a missing or bad key with the delivery’s 401, never from the URL', async () => {
      for (const [path, headers] of [
        ['/ofrep/v1/evaluate/flags/max-items', {}],
        ['/ofrep/v1/evaluate/flags', {}],
        [
          '/ofrep/v1/evaluate/flags',
          { authorization: `Bearer fss_${randomBytes(32).toString('base64url')}` },
        ],
        ['/ofrep/v1/evaluate/flags', { 'x-api-key': `fsc_${randomBytes(32).toString('base64url')}` }],
        ['/ofrep/v1/evaluate/flags', { authorization: `Bearer ${api.ownerToken}` }],
        ['/ofrep/v1/evaluate/flags', { authorization: 'Basic abc', 'x-api-key': serverKey }],
        [`/ofrep/v1/evaluate/flags?key=${clientKey}`, {}],
      ] as const) {
        const answer = await post(path, { context: { targetingKey: 'u1' } }, headers);
        expect({ path, headers, status: answer.status }).toEqual({ path, headers, status: 401 });
        expect(answer.body).toMatchObject({
          code: 'UNAUTHENTICATED',
          message: 'a valid SDK key is required',
        });
        expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      }
    });

    it('lets pages use client keys (CORS), the ETag readable', async () => {
      const answer = await bulk({ targetingKey: 'u1' }, clientKey);
      expect(answer.headers.get('access-control-allow-origin')).toBe('*');
      expect(answer.headers.get('access-control-expose-headers')).toBe('ETag');
      expect((await bulk({ targetingKey: 'u1' })).headers.get('access-control-allow-origin')).toBeNull();
      for (const path of ['/ofrep/v1/evaluate/flags', '/ofrep/v1/evaluate/flags/dark-mode']) {
        const preflight = await fetch(`${api.url}${path}`, {
          method: 'OPTIONS',
          headers: {
            origin: 'https://shop.example',
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type, authorization, if-none-match',
          },
        });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
        expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
        expect(preflight.headers.get('access-control-allow-headers')).toBe(
          'Authorization, Content-Type, If-None-Match, X-API-Key',
        );
      }
    });
  });
});
