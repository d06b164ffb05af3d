import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type FlagstaffClient } from '@flagstaff/sdk-node';
import { adminClient, eventually, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { flagstaffCli, words } from '../support/flagstaff-cli.js';
import { ServerProcess } from '../support/server-process.js';
import { createTestDatabase, defaultBackend, type TestDatabase } from '../support/test-database.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const FLAG = 'new-checkout';
const KEYS = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);
/** Steps as the plan ramps them; the last bakes for an hour, so the ramp is still on when health breaches. */
const STEPS = [
  { percent: 1, bakeSeconds: 2 },
  { percent: 5, bakeSeconds: 2 },
  { percent: 25, bakeSeconds: 2 },
  { percent: 50, bakeSeconds: 3600 },
];
/** How far the share of 10,000 keys may be from the step's percentage (sampling, in points). */
const TOLERANCE = 1.5;

/**
 * A decoupled release end to end: a server process with a short scheduler tick, a pipeline
 * reporting through the `flagstaff` CLI, a rollout plan, and sdk-node processes of the new and the old
 * version following the stream. Bake times are real seconds here (no clock control exists in a
 * server process); the exact timing is the integration tests' business. On Postgres and Redis
 * when the run has them, else on the embedded default.
 */
describe('a flag ramped by a rollout plan as its deployment goes out, seen by sdk-node', () => {
  let server: ServerProcess;
  let database: TestDatabase | undefined;
  let admin: AdminClient;
  let pipeline: { FLAGSTAFF_URL: string; FLAGSTAFF_PIPELINE_TOKEN: string };
  let current: FlagstaffClient;
  let old: FlagstaffClient;
  /** The keys the 2.3.0 process served "on", at every change of the flag it received. */
  const seen: Set<string>[] = [];

  const on = (client: FlagstaffClient) =>
    new Set(KEYS.filter((k) => client.booleanVariation(FLAG, false, { targetingKey: k })));
  const share = (keys: Set<string>) => (keys.size * 100) / KEYS.length;
  /** The pipeline's side, as a pipeline runs it: the `flagstaff` CLI in its own process. */
  const cli = async (line: string) => {
    const run = await flagstaffCli(words(line), pipeline);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    return run.stdout.trim();
  };
  const planStatus = async (id: string) =>
    (
      await admin<{ rolloutPlan: { status: string } }>(
        `{ rolloutPlan(project: "default", id: "${id}") { status } }`,
      )
    ).rolloutPlan.status;

  beforeAll(async () => {
    database = defaultBackend() === 'postgres' ? await createTestDatabase({ migrated: false }) : undefined;
    const storage = database
      ? { DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL }
      : { FLAGSTAFF_DATA_DIR: await freshDataDir() };
    server = await ServerProcess.start({ ...storage, FLAGSTAFF_ROLLOUT_TICK_MS: '200' });
    admin = adminClient(server.url, ownerTokenIn(server.stdout));
    await admin(
      `mutation { createFlag(project: "default", input: { key: "${FLAG}", name: "New checkout", kind: BOOLEAN }) { key } }`,
    );
    const keys = await admin<{ createSdkKey: { secret: string }; createPipelineToken: { secret: string } }>(
      `mutation {
        createSdkKey(project: "default", environment: "staging", input: { name: "e2e", kind: SERVER }) { secret }
        createPipelineToken(project: "default", input: { name: "ci" }) { secret } }`,
    );
    pipeline = { FLAGSTAFF_URL: server.url, FLAGSTAFF_PIPELINE_TOKEN: keys.createPipelineToken.secret };
    const sdk = (appVersion: string) =>
      createClient({ sdkKey: keys.createSdkKey.secret, baseUrl: server.url, appVersion, logger: quiet });
    current = sdk('2.3.0');
    old = sdk('2.2.9');
    expect(await current.waitForReady()).toBe(true);
    expect(await old.waitForReady()).toBe(true);
    current.on('change', ({ keys: changed }) => {
      if (changed.includes(FLAG)) seen.push(on(current));
    });
  });

  afterAll(async () => {
    await Promise.all([current?.close(), old?.close()]);
    await server?.stop();
    await database?.drop();
    await removeDataDirs();
  });

  it('serves off until the deployment succeeded, ramps keeping who was in, and drops to 0 % on a breach', async () => {
    await cli('artifact create --app checkout --version 2.3.0');
    const deploymentId = await cli('deployment start --app checkout --version 2.3.0 --env staging');
    const { createRolloutPlan: plan } = await admin<{ createRolloutPlan: { id: string; status: string } }>(
      `mutation($input: CreateRolloutPlanInput!) { createRolloutPlan(project: "default", input: $input) { id status } }`,
      {
        input: {
          environment: 'staging',
          flag: FLAG,
          application: 'checkout',
          minVersion: '2.3.0',
          steps: STEPS,
          onFailure: 'ROLLBACK',
        },
      },
    );
    expect(plan.status).toBe('WAITING');
    await eventually('the 2.3.0 process has the plan’s configuration', () => seen.length > 0);
    expect(share(on(current))).toBe(0);

    await cli(`deployment succeed --id ${deploymentId}`);
    await eventually(
      'the 2.3.0 process sees the last step',
      () => seen.length > 0 && Math.abs(share(seen.at(-1)!) - 50) <= TOLERANCE,
      60_000,
    );
    // One change per step, each near its percentage, each keeping every key of the one before.
    const ramp = seen.filter((keys) => keys.size > 0);
    expect(ramp).toHaveLength(STEPS.length);
    for (const [i, keys] of ramp.entries()) {
      expect(Math.abs(share(keys) - STEPS[i]!.percent)).toBeLessThanOrEqual(TOLERANCE);
      if (i > 0) expect([...ramp[i - 1]!].filter((k) => !keys.has(k))).toEqual([]);
    }
    expect(on(old).size).toBe(0);

    const changes = seen.length;
    await cli('health breach --app checkout --env staging --source prometheus/HighErrorRate');
    await eventually(
      'the 2.3.0 process sees the flag back at 0 %',
      () => seen.length > changes && seen.at(-1)!.size === 0,
    );
    expect(await planStatus(plan.id)).toBe('ROLLED_BACK');
    const audit = await admin<{ revisions: { nodes: { actor: string; reason: string }[] } }>(
      `{ revisions(project: "default", entityType: "flagConfig", entityKey: "${FLAG}", environment: "staging", first: 1) { nodes { actor reason } } }`,
    );
    expect(audit.revisions.nodes).toEqual([
      {
        actor: `rollout-plan:${plan.id}`,
        reason: 'rolled back to 0 %: health breach reported by prometheus/HighErrorRate',
      },
    ]);
  });
});
