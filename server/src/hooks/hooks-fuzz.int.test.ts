import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';

/**
 * Generated bodies for every hook: valid ones with fields swapped for wrong types, odd strings,
 * huge values, unknown fields or left out, bodies that are not objects at all, and random
 * Idempotency-Keys. Whatever comes in, the answer is never a 5xx, and a refused call leaves no
 * trace in any release table.
 */

const HUGE = 'x'.repeat(300_000);
const ABSENT = Symbol('absent');

const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    '',
    ' ',
    'x'.repeat(5000),
    HUGE,
    '€😀',
    '__proto__',
    'a\u0000b',
    '\ud800',
    'v1..2',
    '2.3.0',
    '01.2.3',
    'staging',
    'production',
    'Production',
    'alpha',
    'ga',
    'succeeded',
    'started',
    'breach',
    'sha256:',
    'javascript:alert(1)',
    '00000000-0000-4000-8000-000000000000',
    {},
    [],
    [[]],
    { type: 'canary', steps: [50, 50] },
    { type: 'rolling', maxSurge: 0, maxUnavailable: 0 },
    { type: 'blue-green', extra: 1 },
    { nested: { deep: { deeper: [1, 2, { x: 'y' }] } } },
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Bodies close to `valid`: each field kept (most often), replaced or left out; sometimes extra fields or no object at all. */
function bodiesNear(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(
    Object.entries(valid).map(([name, value]) => [
      name,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant<unknown>(value) },
        { weight: 1, arbitrary: nasty },
        { weight: 1, arbitrary: fc.constant<unknown>(ABSENT) },
      ),
    ]),
  );
  const near = fc
    .tuple(
      fc.record(fields),
      fc.option(fc.dictionary(fc.string({ maxLength: 8 }), nasty, { minKeys: 1, maxKeys: 2 }), {
        nil: {},
        freq: 3,
      }),
    )
    .map(([chosen, extra]) => ({
      ...Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== ABSENT)),
      ...extra,
    }));
  return fc.oneof({ weight: 9, arbitrary: near }, { weight: 1, arbitrary: nasty });
}

const idempotencyKey = fc.option(
  fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', ' ', '~', '\t', 'é'), maxLength: 300 }),
  { nil: undefined },
);

const ALLOWED_CODES = new Set([
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'NOT_FOUND',
  'CONFLICT',
  'ARTIFACT_CONFLICT',
  'INVALID_STAGE_TRANSITION',
  'INVALID_STATUS_TRANSITION',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
]);

const TABLES = [
  'applications',
  'artifacts',
  'releases',
  'release_promotions',
  'deployments',
  'deployment_events',
  'health_signals',
  'idempotency_keys',
];

describe('generated bad input to every hook', () => {
  let api: AdminApi;
  let hooks: PipelineHooks;
  let deploymentId: string;
  let calls = 0;
  let refused = 0;
  let accepted = 0;

  /** Every release table summed up; equal fingerprints mean nothing was written. */
  const fingerprint = async (): Promise<string> => {
    const parts = TABLES.map(
      (t) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${t} x) AS ${t}`,
    );
    return JSON.stringify((await api.server.storage.dataSource.query(`SELECT ${parts.join(', ')}`))[0]);
  };

  beforeAll(async () => {
    api = await startAdminApi();
    hooks = await pipelineHooks(api);
    for (const version of ['2.3.0', '2.4.0']) {
      expect(
        (await hooks.post('/hooks/v1/artifacts', { application: 'fuzz', version, commit: 'abcdef1' })).status,
      ).toBe(201);
    }
    await hooks.post('/hooks/v1/releases', { application: 'fuzz', version: '2.3.0' });
    const started = await hooks.post('/hooks/v1/deployments', {
      application: 'fuzz',
      version: '2.3.0',
      environment: 'staging',
    });
    deploymentId = started.body.deployment.id;
  });
  afterAll(() => api?.close());

  const targets: Record<string, Record<string, unknown>> = {
    '/hooks/v1/artifacts': {
      application: 'fuzz',
      version: '2.3.0',
      commit: 'abcdef1',
      imageDigest: `sha256:${'c'.repeat(64)}`,
      buildUrl: 'https://ci.example.com/9',
    },
    '/hooks/v1/releases': { application: 'fuzz', version: '2.4.0', stage: 'beta', notes: 'fuzz' },
    '/hooks/v1/releases/promote': { application: 'fuzz', version: '2.3.0', stage: 'rc', notes: 'fuzz' },
    '/hooks/v1/deployments': {
      application: 'fuzz',
      version: '2.3.0',
      environment: 'staging',
      strategy: { type: 'canary', steps: [5, 50, 100] },
      pipelineRunUrl: 'https://ci.example.com/10',
    },
    '/hooks/v1/deployments/status': {
      status: 'failed',
      deploymentId: 'set in beforeAll',
      details: { why: 'fuzz' },
    },
    '/hooks/v1/health': {
      application: 'fuzz',
      environment: 'staging',
      status: 'breach',
      source: 'fuzz',
      details: { n: 1 },
    },
  };

  for (const [path, valid] of Object.entries(targets)) {
    it(`${path}: never a 5xx, and a refused call writes nothing`, async () => {
      const base = path === '/hooks/v1/deployments/status' ? { ...valid, deploymentId } : valid;
      await fc.assert(
        fc.asyncProperty(bodiesNear(base), idempotencyKey, async (body, key) => {
          const before = await fingerprint();
          const res = await hooks.post(path, body, {
            headers: key === undefined ? {} : { 'idempotency-key': key },
          });
          calls++;
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            refused++;
            expect(ALLOWED_CODES).toContain(res.body.code);
            expect(await fingerprint()).toBe(before);
          } else {
            accepted++;
          }
        }),
        // A fixed seed keeps CI reproducible; FUZZ_SEED=… FUZZ_RUNS=… explores further.
        { numRuns: Number(process.env.FUZZ_RUNS ?? 60), seed: Number(process.env.FUZZ_SEED ?? 20261128) },
      );
    });
  }

  it('both refused and accepted many of the generated calls', () => {
    expect(refused / calls).toBeGreaterThan(0.3);
    expect(accepted).toBeGreaterThan(0);
  });
});
