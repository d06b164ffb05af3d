import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { eventually } from '../../../test/support/admin-client.js';
import { hooksClient, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';
import {
  availableBackends,
  createTestDatabase,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startServer, type RunningServer } from '../server.js';
import { Clock } from './clock.js';
import { RolloutScheduler } from './rollout-scheduler.js';

interface Answer<T> {
  readonly data: T | null;
  readonly errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

interface Plan {
  id: string;
  status: string;
  statusReason: string | null;
  currentStep: number;
  percent: number;
  progress: number;
  nextActionAt: string | null;
  deployment: { version: string; status: string } | null;
  history: { kind: string; cause: string; actor: string; message: string; percent: number }[];
}

const PLAN = `id status statusReason currentStep percent progress nextActionAt
  deployment { version status } history { kind cause actor message percent }`;

const MINUTE = 60;

/**
 * Rollout plans over real HTTP on a server whose scheduler never ticks by itself (the tick is an
 * hour): the tests move its clock and call tick(), so bake times pass without sleeping, and a
 * reaction that happens without a tick came from a release event.
 */
describe.each(availableBackends())('rollout plans on %s', (backend) => {
  let database: TestDatabase;
  let server: RunningServer;
  let owner: string;
  let hooks: PipelineHooks;
  let scheduler: RolloutScheduler;
  let now = Date.now();
  let n = 0;

  const gql = async <T = Record<string, never>>(
    query: string,
    variables: Record<string, unknown> = {},
    token = owner,
  ): Promise<Answer<T>> => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Answer<T>;
  };
  const ok = async <T>(query: string, variables: Record<string, unknown> = {}, token = owner): Promise<T> => {
    const res = await gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await hooks.post(path, body);
    if (res.status >= 300) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await server.storage.dataSource.query(sql, params))[0].n);

  /** A new flag, application and artifacts of its own, so tests do not see each other's deployments. */
  const fixture = async (versions = ['2.3.0']) => {
    const id = ++n;
    const flag = `feature-${id}`;
    const application = `app-${id}`;
    await ok(
      'mutation($k: String!) { createFlag(project: "default", input: { key: $k, name: $k, kind: BOOLEAN }) { key } }',
      {
        k: flag,
      },
    );
    for (const version of versions) await post('/hooks/v1/artifacts', { application, version });
    return { flag, application };
  };
  const deploy = async (application: string, version: string, ...statuses: string[]) => {
    const { deployment } = await post('/hooks/v1/deployments', {
      application,
      version,
      environment: 'staging',
    });
    for (const status of statuses) await report(deployment.id, status);
    return deployment.id as string;
  };
  const report = (deploymentId: string, status: string) =>
    post('/hooks/v1/deployments/status', { deploymentId, status });
  const health = (application: string, status: 'ok' | 'breach') =>
    post('/hooks/v1/health', {
      application,
      environment: 'staging',
      status,
      source: 'prometheus/HighErrorRate',
    });

  const create = async (input: Record<string, unknown>, environment = 'staging') =>
    (
      await ok<{ createRolloutPlan: Plan }>(
        `mutation($input: CreateRolloutPlanInput!) { createRolloutPlan(project: "default", input: $input) { ${PLAN} } }`,
        { input: { environment, minVersion: '2.3.0', ...input } },
      )
    ).createRolloutPlan;
  const plan = async (id: string) =>
    (
      await ok<{ rolloutPlan: Plan }>(
        `query($id: ID!) { rolloutPlan(project: "default", id: $id) { ${PLAN} } }`,
        { id },
      )
    ).rolloutPlan;
  const act = async (mutation: string, id: string, token = owner) => {
    const res = await gql<Record<string, Plan>>(
      `mutation($id: ID!) { ${mutation}(project: "default", id: $id, reason: "test") { ${PLAN} } }`,
      { id },
      token,
    );
    return { plan: res.data?.[mutation], code: res.errors?.[0]?.extensions?.code };
  };
  const config = async (flag: string, environment = 'staging') =>
    (
      await ok<{
        flag: {
          config: {
            enabled: boolean;
            version: number;
            rolloutShare: number;
            rules: {
              id: string;
              clauses: { attribute: string; op: string; values: string[] }[];
              serve: { variation: string };
            }[];
          };
        };
      }>(
        `query($f: String!, $e: String!) { flag(project: "default", key: $f) { config(environment: $e) {
          enabled version rolloutShare rules { id clauses { attribute op values } serve { variation } } } } }`,
        { f: flag, e: environment },
      )
    ).flag.config;
  const revisions = async (flag: string) =>
    (
      await ok<{ revisions: { nodes: { actor: string; reason: string | null }[] } }>(
        `query($f: String!) { revisions(project: "default", entityType: "flagConfig", entityKey: $f, environment: "staging") { nodes { actor reason } } }`,
        { f: flag },
      )
    ).revisions.nodes.reverse();
  const mintToken = async (role: 'viewer' | 'editor' | 'owner', project = 'default') =>
    (
      await ok<{ createAdminToken: { secret: string } }>(
        `mutation($p: String!, $r: TokenRole!) { createAdminToken(project: $p, input: { name: "t", role: $r }) { secret } }`,
        { p: project, r: role.toUpperCase() },
      )
    ).createAdminToken.secret;
  /** Moves the scheduler's clock on, then lets it look at every plan once. */
  const pass = async (seconds: number) => {
    now += seconds * 1000;
    await scheduler.tick();
  };
  const steps = (...percents: number[]) => percents.map((percent) => ({ percent, bakeSeconds: 10 * MINUTE }));

  beforeAll(async () => {
    database = await createTestDatabase({ backend });
    const settings = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LOG_FORMAT: 'json',
      ...(database.url ? { DATABASE_URL: database.url } : {}),
      FLAGSTAFF_SECRET_KEY: Buffer.alloc(32, 7).toString('hex'),
      FLAGSTAFF_ROLLOUT_TICK_MS: '3600000',
    });
    server = await startServer(settings, createLogger(settings), database.open());
    owner = server.firstRun!.ownerToken;
    jest.spyOn(server.app.get(Clock), 'now').mockImplementation(() => new Date(now));
    scheduler = server.app.get(RolloutScheduler);
    const token = await ok<{ createPipelineToken: { secret: string } }>(
      'mutation { createPipelineToken(project: "default", input: { name: "ci" }) { secret } }',
    );
    hooks = hooksClient(server.url, token.createPipelineToken.secret);
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('waits at 0 % until its deployment succeeded, then ramps a step each time a bake ends', async () => {
    const { flag, application } = await fixture();
    const made = await create({ flag, application, steps: steps(1, 5, 25) });
    expect(made).toMatchObject({
      status: 'WAITING',
      statusReason: `waiting for a deployment of ${application} ≥ 2.3.0 to succeed in staging`,
      currentStep: 0,
      percent: 0,
      deployment: null,
    });
    expect(await config(flag)).toMatchObject({
      enabled: true,
      rolloutShare: 0,
      rules: [
        {
          id: `rollout-plan-${made.id}`,
          clauses: [{ attribute: 'appVersion', op: 'semverLt', values: ['2.3.0'] }],
          serve: { variation: 'off' },
        },
      ],
    });

    const deployment = await deploy(application, '2.3.0');
    await pass(MINUTE);
    expect((await plan(made.id)).status).toBe('WAITING');

    await report(deployment, 'succeeded');
    await pass(0);
    expect(await plan(made.id)).toMatchObject({
      status: 'RAMPING',
      currentStep: 1,
      percent: 1,
      deployment: { version: '2.3.0', status: 'SUCCEEDED' },
      nextActionAt: new Date(now + 10 * MINUTE * 1000).toISOString(),
    });
    await pass(10 * MINUTE - 1);
    expect((await plan(made.id)).percent).toBe(1);
    await pass(1);
    expect(await plan(made.id)).toMatchObject({ status: 'RAMPING', currentStep: 2, percent: 5 });
    await pass(10 * MINUTE);
    await pass(10 * MINUTE);
    const done = await plan(made.id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      currentStep: 3,
      percent: 25,
      progress: 1,
      nextActionAt: null,
    });
    expect(done.history.map((h) => [h.kind, h.cause, h.percent])).toEqual([
      ['CREATED', 'PERSON', 0],
      ['STARTED', 'DEPLOYMENT', 1],
      ['ADVANCED', 'SCHEDULE', 5],
      ['ADVANCED', 'SCHEDULE', 25],
      ['COMPLETED', 'SCHEDULE', 25],
    ]);
    expect((await config(flag)).rolloutShare).toBe(25);
    expect(await revisions(flag)).toEqual([
      { actor: expect.stringMatching(/^First-run owner/), reason: null },
      {
        actor: `rollout-plan:${made.id}`,
        reason: expect.stringMatching(/^created by .*; waiting for a deployment/),
      },
      { actor: `rollout-plan:${made.id}`, reason: `step 1/3: 1 % after ${application} 2.3.0 deployed` },
      { actor: `rollout-plan:${made.id}`, reason: 'step 2/3: 5 % after 10 min bake' },
      { actor: `rollout-plan:${made.id}`, reason: 'step 3/3: 25 % after 10 min bake' },
    ]);
  });

  it('starts at once when a deployment at or above the version already succeeded, not for older ones', async () => {
    const { flag, application } = await fixture(['2.2.0', '2.3.1']);
    await deploy(application, '2.2.0', 'succeeded');
    const made = await create({ flag, application, steps: steps(10, 100) });
    expect(made.status).toBe('WAITING');
    await deploy(application, '2.3.1', 'succeeded');
    await pass(0);
    expect(await plan(made.id)).toMatchObject({
      status: 'RAMPING',
      percent: 10,
      deployment: { version: '2.3.1' },
    });

    const { flag: other } = await fixture();
    const second = await create({ flag: other, application, steps: steps(50) });
    expect(second).toMatchObject({ status: 'RAMPING', currentStep: 1, percent: 50 });
  });

  it('waits at the share it has for an approval, then enters the step on it', async () => {
    const { flag, application } = await fixture();
    await deploy(application, '2.3.0', 'succeeded');
    const made = await create({
      flag,
      application,
      steps: [
        { percent: 5, bakeSeconds: MINUTE },
        { percent: 50, bakeSeconds: MINUTE, requiresApproval: true },
      ],
    });
    expect((await act('approveRolloutPlanStep', made.id)).code).toBe('CONFLICT');
    await pass(MINUTE);
    expect(await plan(made.id)).toMatchObject({
      status: 'AWAITING_APPROVAL',
      statusReason: 'step 2/2 (50 %) needs approval',
      percent: 5,
      nextActionAt: null,
    });
    await pass(60 * MINUTE);
    expect((await plan(made.id)).status).toBe('AWAITING_APPROVAL');
    const approved = await act('approveRolloutPlanStep', made.id);
    expect(approved.plan).toMatchObject({ status: 'RAMPING', currentStep: 2, percent: 50 });
    expect(approved.plan!.history.at(-1)).toMatchObject({
      kind: 'APPROVED',
      cause: 'PERSON',
      actor: expect.stringContaining('fsa_'),
    });
    expect((await revisions(flag)).at(-1)!.reason).toMatch(/^step 2\/2: 50 %, approved by .*: test$/);
  });

  it('pauses where it is as soon as its deployment is rolled back, and resumes once a new one succeeded', async () => {
    const { flag, application } = await fixture(['2.3.0', '2.3.1']);
    const deployment = await deploy(application, '2.3.0', 'succeeded');
    const made = await create({ flag, application, steps: steps(5, 25), onFailure: 'PAUSE' });
    await pass(10 * MINUTE);
    expect((await plan(made.id)).percent).toBe(25);

    await report(deployment, 'rolled_back');
    await eventually(
      'the plan paused on the release event',
      async () => (await plan(made.id)).status === 'PAUSED',
    );
    expect(await plan(made.id)).toMatchObject({
      statusReason: `deployment of ${application} 2.3.0 was rolled back`,
      percent: 25,
      history: expect.arrayContaining([expect.objectContaining({ kind: 'PAUSED', cause: 'DEPLOYMENT' })]),
    });
    expect((await config(flag)).rolloutShare).toBe(25);

    expect((await act('resumeRolloutPlan', made.id)).plan).toMatchObject({ status: 'WAITING', percent: 0 });
    expect((await config(flag)).rolloutShare).toBe(0);
    await deploy(application, '2.3.1', 'succeeded');
    await eventually(
      'the plan started on the release event',
      async () => (await plan(made.id)).status === 'RAMPING',
    );
    expect(await plan(made.id)).toMatchObject({
      currentStep: 1,
      percent: 5,
      deployment: { version: '2.3.1' },
    });
  });

  it('rolls the flag back to 0 % as soon as health breaches during the ramp, not for breaches before it', async () => {
    const { flag, application } = await fixture();
    await health(application, 'breach');
    await deploy(application, '2.3.0', 'succeeded');
    const made = await create({ flag, application, steps: steps(5, 25), onFailure: 'ROLLBACK' });
    await pass(10 * MINUTE);
    await health(application, 'ok');
    await pass(0);
    expect(await plan(made.id)).toMatchObject({ status: 'RAMPING', percent: 25 });

    await health(application, 'breach');
    await eventually(
      'the plan rolled back on the release event',
      async () => (await plan(made.id)).status === 'ROLLED_BACK',
    );
    expect(await plan(made.id)).toMatchObject({
      statusReason: 'health breach reported by prometheus/HighErrorRate',
      currentStep: 0,
      percent: 0,
    });
    expect(await config(flag)).toMatchObject({ enabled: true, rolloutShare: 0 });
    expect((await revisions(flag)).at(-1)).toEqual({
      actor: `rollout-plan:${made.id}`,
      reason: 'rolled back to 0 %: health breach reported by prometheus/HighErrorRate',
    });

    expect((await act('resumeRolloutPlan', made.id)).plan).toMatchObject({
      status: 'RAMPING',
      currentStep: 1,
      percent: 5,
    });
  });

  it('notices on its next tick what a lost event would have told it: a breach, a later deployment failing', async () => {
    const { flag, application } = await fixture(['2.3.0', '2.4.0']);
    await deploy(application, '2.3.0', 'succeeded');
    const made = await create({ flag, application, steps: steps(5, 25) });
    await server.storage.dataSource.query(
      `INSERT INTO health_signals (id, application_id, environment_id, status, source, actor)
       SELECT gen_random_uuid(), p.application_id, p.environment_id, 'breach', 'pager', 'test' FROM rollout_plans p WHERE p.id = $1`,
      [made.id],
    );
    expect((await plan(made.id)).status).toBe('RAMPING');
    await pass(0);
    expect(await plan(made.id)).toMatchObject({
      status: 'PAUSED',
      statusReason: 'health breach reported by pager',
    });

    const { flag: other } = await fixture();
    const second = await create({ flag: other, application, steps: steps(5, 25) });
    expect(second.status).toBe('RAMPING');
    await deploy(application, '2.4.0', 'failed');
    await pass(0);
    expect(await plan(second.id)).toMatchObject({
      status: 'PAUSED',
      statusReason: `deployment of ${application} 2.4.0 failed`,
    });
  });

  it('pauses rather than overwrite a person who edited the flag, and takes it back on resume', async () => {
    const { flag, application } = await fixture();
    await deploy(application, '2.3.0', 'succeeded');
    const made = await create({ flag, application, steps: steps(5, 25) });
    const edited = await config(flag);
    await ok(
      `mutation($f: String!, $v: Int!) { setFlagEnabled(project: "default", environment: "staging", flag: $f, enabled: false, expectedVersion: $v) { version } }`,
      { f: flag, v: edited.version },
    );
    await pass(10 * MINUTE);
    const paused = await plan(made.id);
    expect(paused).toMatchObject({ status: 'PAUSED', percent: 5 });
    expect(paused.statusReason).toMatch(
      /^flag edited by First-run owner .*; resume to let the plan change it again$/,
    );
    expect(await config(flag)).toMatchObject({ enabled: false, version: edited.version + 1 });

    expect((await act('resumeRolloutPlan', made.id)).plan).toMatchObject({
      status: 'RAMPING',
      currentStep: 1,
      percent: 5,
    });
    expect(await config(flag)).toMatchObject({ enabled: true, rolloutShare: 5 });
    await pass(10 * MINUTE);
    expect((await plan(made.id)).percent).toBe(25);
  });

  it('lets people pause, roll back, complete and cancel, recorded as the plan naming them', async () => {
    const { flag, application } = await fixture();
    await deploy(application, '2.3.0', 'succeeded');
    const made = await create({ flag, application, steps: steps(5, 25, 50) });

    expect((await act('pauseRolloutPlan', made.id)).plan).toMatchObject({ status: 'PAUSED', percent: 5 });
    await pass(60 * MINUTE);
    expect((await plan(made.id)).percent).toBe(5);
    expect((await act('pauseRolloutPlan', made.id)).code).toBe('CONFLICT');

    expect((await act('rollBackRolloutPlan', made.id)).plan).toMatchObject({
      status: 'ROLLED_BACK',
      percent: 0,
    });
    expect((await config(flag)).rolloutShare).toBe(0);
    expect((await act('completeRolloutPlan', made.id)).plan).toMatchObject({
      status: 'COMPLETED',
      percent: 100,
    });
    expect(await config(flag)).toMatchObject({
      rolloutShare: 100,
      rules: [{ id: `rollout-plan-${made.id}` }],
    });
    expect((await act('cancelRolloutPlan', made.id)).code).toBe('CONFLICT');
    expect((await revisions(flag)).slice(-2)).toEqual([
      {
        actor: `rollout-plan:${made.id}`,
        reason: expect.stringMatching(/^rolled back to 0 % by .*fsa_.*: test$/),
      },
      { actor: `rollout-plan:${made.id}`, reason: expect.stringMatching(/^completed at 100 % by .*: test$/) },
    ]);

    const again = await create({ flag, application, steps: steps(5) });
    const versionBefore = (await config(flag)).version;
    expect((await act('cancelRolloutPlan', again.id)).plan).toMatchObject({
      status: 'CANCELLED',
      percent: 5,
    });
    expect((await config(flag)).version).toBe(versionBefore);
    expect((await act('resumeRolloutPlan', again.id)).code).toBe('CONFLICT');
  });

  it('refuses bad input with every problem at its path, and writes nothing', async () => {
    const { flag, application } = await fixture();
    await ok(
      'mutation { createFlag(project: "default", input: { key: "colour", name: "Colour", kind: STRING, offVariation: "red", variations: [{ key: "red", value: "red" }, { key: "blue", value: "blue" }] }) { key } }',
    );
    // Serving the caller's default while disabled: the flag has no off variation in staging.
    await ok(
      'mutation { updateFlagConfig(project: "default", environment: "staging", flag: "colour", expectedVersion: 1, input: { enabled: false, fallthrough: { variation: "red" } }) { version } }',
    );
    const taken = await create({ flag, application, steps: steps(5) });
    const written = () =>
      Promise.all([
        count('SELECT count(*) AS n FROM revisions'),
        count('SELECT count(*) AS n FROM rollout_plans'),
        count('SELECT count(*) AS n FROM rollout_plan_events'),
      ]);
    const before = await written();
    const refuse = async (input: Record<string, unknown>) => {
      const res = await gql(
        `mutation($input: CreateRolloutPlanInput!) { createRolloutPlan(project: "default", input: $input) { id } }`,
        { input: { environment: 'staging', application, minVersion: '2.3.0', steps: steps(5), ...input } },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return (res.errors![0]!.extensions!.problems as { path: string; code: string }[]).map(
        (p) => `${p.path} ${p.code}`,
      );
    };
    expect(
      await refuse({
        flag,
        minVersion: 'two point three',
        steps: [
          { percent: 5, bakeSeconds: -1 },
          { percent: 5, bakeSeconds: 0 },
          { percent: 120, bakeSeconds: 0 },
          { percent: 0.0001, bakeSeconds: 0 },
        ],
      }),
    ).toEqual([
      '/minVersion INVALID_SEMVER',
      '/steps/0/bakeSeconds OUT_OF_RANGE',
      '/steps/1/percent NOT_INCREASING',
      '/steps/2/percent OUT_OF_RANGE',
      '/steps/3/percent OUT_OF_RANGE',
      `/flag ACTIVE_PLAN`,
    ]);
    expect(await refuse({ flag: 'colour', steps: [] })).toEqual([
      '/steps REQUIRED',
      '/onVariation REQUIRED',
      '/offVariation REQUIRED',
    ]);
    expect(await refuse({ flag: 'colour', onVariation: 'blue', offVariation: 'blue' })).toEqual([
      '/offVariation SAME_VARIATION',
    ]);
    expect(await written()).toEqual(before);
    expect((await plan(taken.id)).status).toBe('WAITING');

    const missing = await gql(
      `mutation { createRolloutPlan(project: "default", input: { environment: "staging", flag: "${flag}", application: "nope", minVersion: "2.3.0", steps: [{ percent: 5 }] }) { id } }`,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(
      (await gql('{ rolloutPlan(project: "default", id: "not-an-id") { id } }')).errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');
  });

  it('needs the owner role and a reason in a protected environment, as every change there', async () => {
    const { flag, application } = await fixture();
    const input = { environment: 'production', flag, application, minVersion: '2.3.0', steps: steps(5) };
    const mutation = `mutation($input: CreateRolloutPlanInput!, $reason: String) { createRolloutPlan(project: "default", input: $input, reason: $reason) { id status } }`;
    const editor = await mintToken('editor');
    expect((await gql(mutation, { input, reason: 'go' }, editor)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await gql(mutation, { input })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/reason', code: 'REQUIRED' }],
    });
    const made = await ok<{ createRolloutPlan: { id: string } }>(mutation, { input, reason: 'launch' });
    const pause = `mutation($id: ID!) { pauseRolloutPlan(project: "default", id: $id) { status } }`;
    expect((await gql(pause, { id: made.createRolloutPlan.id })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await plan(made.createRolloutPlan.id)).status).toBe('WAITING');
  });

  it('lists plans by environment and flag for any role, and hides them from other projects', async () => {
    const { flag, application } = await fixture();
    const made = await create({ flag, application, steps: steps(5) });
    const viewer = await mintToken('viewer');
    const list = await ok<{ rolloutPlans: { id: string; flag: string }[] }>(
      `query($f: String!) { rolloutPlans(project: "default", environment: "staging", flag: $f) { id flag } }`,
      { f: flag },
      viewer,
    );
    expect(list.rolloutPlans).toEqual([{ id: made.id, flag }]);
    await ok('mutation { createProject(input: { key: "elsewhere", name: "Elsewhere" }) { key } }');
    const stranger = await mintToken('owner', 'elsewhere');
    const res = await gql(
      `query($id: ID!) { rolloutPlan(project: "default", id: $id) { id } }`,
      { id: made.id },
      stranger,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const act2 = await act('pauseRolloutPlan', made.id, viewer);
    expect(act2.code).toBe('FORBIDDEN');
  });
});
