import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

describe('POST /sdk/v1/events', () => {
  let api: AdminApi;
  let serverKey: string;
  let clientKey: string;
  const db = () => api.server.storage.dataSource;

  async function gql(query: string, variables?: Record<string, unknown>) {
    const res = await api.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, never>;
  }

  async function post(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${api.url}/sdk/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  const report = (key: string, body: unknown) => post(body, { authorization: `Bearer ${key}` });

  /** Counts recorded for the development environment, per flag and variant. */
  async function recorded(): Promise<Record<string, number>> {
    const rows: { flag_key: string; variant: string; count: number }[] = await db().query(
      `SELECT flag_key, variant, count::int AS count FROM flag_evaluations fe
       JOIN environments e ON e.id = fe.environment_id WHERE e.key = 'development'`,
    );
    return Object.fromEntries(rows.map((r) => [`${r.flag_key}/${r.variant}`, r.count]));
  }

  beforeAll(async () => {
    api = await startAdminApi();
    await gql(
      `mutation { createFlag(project: "default", input: { key: "checkout", name: "C", kind: BOOLEAN, clientSide: true }) { key } }`,
    );
    await gql(
      `mutation { createFlag(project: "default", input: { key: "billing", name: "B", kind: BOOLEAN }) { key } }`,
    );
    serverKey = (await api.sdkKey('SERVER')).secret;
    clientKey = (await api.sdkKey('CLIENT')).secret;
  });
  afterAll(() => api?.close());

  it('records the counts a server key reports and answers 202 with how many it kept', async () => {
    const answer = await report(serverKey, {
      evaluations: [
        { flag: 'checkout', variant: 'on', count: 120 },
        { flag: 'checkout', count: 3 },
        { flag: 'billing', variant: 'off', count: 7 },
        { flag: 'no-such-flag', variant: 'on', count: 1000 },
      ],
      from: '2026-11-28T10:00:00Z',
      to: '2026-11-28T10:01:00.123Z',
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 130 });
    expect(await recorded()).toEqual({ 'checkout/on': 120, 'checkout/': 3, 'billing/off': 7 });
    const metrics = await (await fetch(`${api.url}/metrics`)).text();
    expect(metrics).toMatch(/^flagstaff_evaluations_reported_total 130$/m);
  });

  it('keeps a client key’s counts for client-side flags only', async () => {
    const before = await recorded();
    const answer = await report(clientKey, {
      evaluations: [
        { flag: 'checkout', variant: 'on', count: 5 },
        { flag: 'billing', variant: 'off', count: 9 },
      ],
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 5 });
    expect(await recorded()).toEqual({ ...before, 'checkout/on': before['checkout/on']! + 5 });
  });

  it('accepts an empty report', async () => {
    const answer = await report(serverKey, { evaluations: [] });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 0 });
  });

  it('refuses a malformed body with a 400 naming the field, and records nothing of it', async () => {
    const before = await recorded();
    const line = { flag: 'checkout', variant: 'on', count: 1 };
    const cases: [unknown, string][] = [
      [[line], '/: the body must be a JSON object'],
      [{}, '/evaluations: must be an array'],
      [{ evaluations: { 0: line } }, '/evaluations: must be an array'],
      [{ evaluations: Array.from({ length: 1001 }, () => line) }, '/evaluations: must have at most 1000'],
      [{ evaluations: [line, 'checkout'] }, '/evaluations/1: must be an object'],
      [{ evaluations: [{ ...line, flag: '' }] }, '/evaluations/0/flag: must be a string of 1 to 256'],
      [{ evaluations: [{ ...line, flag: 'f'.repeat(257) }] }, '/evaluations/0/flag: must be a string'],
      [{ evaluations: [{ ...line, flag: 42 }] }, '/evaluations/0/flag: must be a string'],
      [{ evaluations: [{ ...line, flag: 'a\u0000b' }] }, '/evaluations/0/flag: text cannot hold NUL'],
      [{ evaluations: [{ ...line, variant: 'v'.repeat(257) }] }, '/evaluations/0/variant: must be a string'],
      [{ evaluations: [{ ...line, variant: true }] }, '/evaluations/0/variant: must be a string'],
      [{ evaluations: [line, { ...line, count: 0 }] }, '/evaluations/1/count: must be an integer from 1'],
      [{ evaluations: [{ ...line, count: -3 }] }, '/evaluations/0/count: must be an integer'],
      [{ evaluations: [{ ...line, count: 1.5 }] }, '/evaluations/0/count: must be an integer'],
      [{ evaluations: [{ ...line, count: '3' }] }, '/evaluations/0/count: must be an integer'],
      [{ evaluations: [{ ...line, count: 1e9 + 1 }] }, '/evaluations/0/count: must be an integer'],
      [{ evaluations: [{ flag: 'checkout' }] }, '/evaluations/0/count: must be an integer'],
      [{ evaluations: [line], from: 'yesterday' }, '/from: must be an ISO 8601 date-time'],
      [{ evaluations: [line], to: 1764324000000 }, '/to: must be an ISO 8601 date-time'],
      [
        { evaluations: [line], from: '2026-11-28T10:01:00Z', to: '2026-11-28T10:00:00Z' },
        '/to: must not be before from',
      ],
    ];
    for (const [body, message] of cases) {
      const answer = await report(serverKey, body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body).toEqual({
        statusCode: 400,
        code: 'BAD_REQUEST',
        message: expect.stringContaining(message),
        requestId: answer.headers.get('x-request-id'),
      });
    }
    // Refused by Fastify before the handler runs, in the same shape.
    const unparsable = await report(serverKey, '{"evaluations": [');
    expect(unparsable.status).toBe(400);
    expect(unparsable.body).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('not valid JSON'),
      requestId: unparsable.headers.get('x-request-id'),
    });
    expect(await recorded()).toEqual(before);
  });

  it('accepts a count of exactly 1e9 and a null variant as the caller’s default', async () => {
    const answer = await report(serverKey, {
      evaluations: [{ flag: 'billing', variant: null, count: 1e9 }],
    });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 1e9 });
    expect((await recorded())['billing/']).toBe(1e9);
  });

  it('refuses a body larger than its limit with 413', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024);
    const answer = await report(serverKey, { evaluations: [], padding });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      statusCode: 413,
      code: 'PAYLOAD_TOO_LARGE',
      requestId: expect.any(String),
    });
  });

  it('answers a missing or bad key with the delivery’s 401', async () => {
    const body = { evaluations: [{ flag: 'checkout', count: 1 }] };
    const cases: Record<string, string>[] = [
      {},
      { authorization: `Bearer fss_${randomBytes(32).toString('base64url')}` },
      { authorization: `Bearer ${api.ownerToken}` },
    ];
    for (const headers of cases) {
      const answer = await post(body, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: 'UNAUTHENTICATED', message: 'a valid SDK key is required' });
    }
  });

  it('lets pages post with a client key (CORS)', async () => {
    const answer = await report(clientKey, { evaluations: [] });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await fetch(`${api.url}/sdk/v1/events`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
  });
});
