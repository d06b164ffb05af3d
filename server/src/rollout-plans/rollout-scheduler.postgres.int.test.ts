import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { adminClient, type AdminClient } from '../../../test/support/admin-client.js';
import { hooksClient, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { METRICS } from '../app/injection-tokens.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { startServer, type RunningServer } from '../server.js';
import { openStorage } from '../storage/storage.js';
import { Clock } from './clock.js';
import { RolloutScheduler } from './rollout-scheduler.js';

const PERCENTS = [1, 2, 5, 10, 25, 50, 100];
const BAKE = 60;

/**
 * Three server instances over one Postgres, each with its own connections and scheduler, all
 * looking at the same plans at the same moments, over and over: every step happens once.
 */
describe('rollout schedulers of three instances over one Postgres', () => {
  let database: TestDatabase;
  const servers: RunningServer[] = [];
  let admin: AdminClient;
  let hooks: PipelineHooks;
  let now = Date.now();

  const schedulers = () => servers.map((s) => s.app.get(RolloutScheduler));
  /** Every instance looks at every plan at the same moment. */
  const tickEverywhere = () => Promise.all(schedulers().map((s) => s.tick()));
  const query = (sql: string, params: unknown[]) => servers[0]!.storage.dataSource.query(sql, params);

  const plan = async (flag: string, environment: string) => {
    await admin(
      `mutation($k: String!) { createFlag(project: "default", input: { key: $k, name: $k, kind: BOOLEAN }) { key } }`,
      {
        k: flag,
      },
    );
    const made = await admin<{ createRolloutPlan: { id: string } }>(
      `mutation($input: CreateRolloutPlanInput!) { createRolloutPlan(project: "default", input: $input) { id } }`,
      {
        input: {
          environment,
          flag,
          application: 'shop',
          minVersion: '2.3.0',
          steps: PERCENTS.map((percent) => ({ percent, bakeSeconds: BAKE })),
        },
      },
    );
    return made.createRolloutPlan.id;
  };
  const deploySucceeded = async (environment: string) => {
    const started = await hooks.post('/hooks/v1/deployments', {
      application: 'shop',
      version: '2.3.0',
      environment,
    });
    await hooks.post('/hooks/v1/deployments/status', {
      deploymentId: started.body.deployment.id,
      status: 'succeeded',
    });
  };
  const kinds = async (planId: string) =>
    (
      (await query('SELECT kind FROM rollout_plan_events WHERE plan_id = $1 ORDER BY id', [planId])) as {
        kind: string;
      }[]
    ).map((e) => e.kind);

  beforeAll(async () => {
    database = await createTestDatabase({ backend: 'postgres' });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LOG_FORMAT: 'json',
      DATABASE_URL: database.url,
      FLAGSTAFF_SECRET_KEY: Buffer.alloc(32, 7).toString('hex'),
      // The schedulers look only when the test says so.
      FLAGSTAFF_ROLLOUT_TICK_MS: '3600000',
    });
    for (let i = 0; i < 3; i++) {
      const server = await startServer(config, createLogger(config), openStorage(config, { poolSize: 5 }));
      servers.push(server);
      jest.spyOn(server.app.get(Clock), 'now').mockImplementation(() => new Date(now));
    }
    admin = adminClient(servers[0]!.url, servers[0]!.firstRun!.ownerToken);
    const token = await admin<{ createPipelineToken: { secret: string } }>(
      'mutation { createPipelineToken(project: "default", input: { name: "ci" }) { secret } }',
    );
    hooks = hooksClient(servers[1]!.url, token.createPipelineToken.secret);
    await hooks.post('/hooks/v1/artifacts', { application: 'shop', version: '2.3.0' });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await database?.drop();
  });

  it('make every step of every plan exactly once, however often they look at once', async () => {
    const plans = [
      await plan('one', 'staging'),
      await plan('two', 'staging'),
      await plan('three', 'development'),
      await plan('four', 'development'),
    ];
    await deploySucceeded('staging');
    await deploySucceeded('development');
    for (let round = 0; round < PERCENTS.length * 3 + 2; round++) {
      await tickEverywhere();
      now += (BAKE / 2) * 1000;
    }

    const expected = ['created', 'started', ...PERCENTS.slice(1).map(() => 'advanced'), 'completed'];
    for (const id of plans) {
      expect(await kinds(id)).toEqual(expected);
      const written: { reason: string }[] = await query(
        'SELECT reason FROM revisions WHERE actor = $1 ORDER BY id',
        [`rollout-plan:${id}`],
      );
      expect(written.map((r) => r.reason.replace(/ after .*/, ''))).toEqual([
        expect.stringMatching(/^created by /),
        ...PERCENTS.map((p, i) => `step ${i + 1}/${PERCENTS.length}: ${p} %`),
      ]);
    }
    let counted = 0;
    for (const server of servers) {
      const metric = await server.app.get<symbol, Metrics>(METRICS).rolloutPlanTransitions.get();
      counted += metric.values.reduce((sum, v) => sum + v.value, 0);
    }
    expect(counted).toBe(plans.length * expected.length);
  });

  it('lets a person’s pause racing three schedulers happen once, at the share the flag serves', async () => {
    const id = await plan('five', 'staging');
    await tickEverywhere();
    now += BAKE * 1000;
    const paused = admin(`mutation($id: ID!) { pauseRolloutPlan(project: "default", id: $id) { status } }`, {
      id,
    });
    await Promise.all([tickEverywhere(), paused]);
    await tickEverywhere();

    const events = await kinds(id);
    expect(events.filter((k) => k === 'paused')).toHaveLength(1);
    expect(events.at(-1)).toBe('paused');
    expect(events.filter((k) => k === 'advanced').length).toBeLessThanOrEqual(1);
    const [row] = await query('SELECT weight FROM rollout_plans WHERE id = $1', [id]);
    const [config] = await query(
      `SELECT c.fallthrough FROM flag_configs c JOIN flags f ON f.id = c.flag_id JOIN environments e ON e.id = c.environment_id
        WHERE f.key = 'five' AND e.key = 'staging'`,
      [],
    );
    expect(config.fallthrough.rollout.weights[0]).toEqual({ variation: 'on', weight: row.weight });
  });
});
