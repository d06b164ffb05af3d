import { eventually, type AdminClient } from '../support/admin-client.js';
import { hooksClient, type HookAnswer, type PipelineHooks } from '../support/pipeline-hooks.js';

/** Posts to a release hook and fails loudly when the server refuses it. */
async function hook(hooks: PipelineHooks, path: string, body: unknown): Promise<HookAnswer['body']> {
  const answer = await hooks.post(path, body);
  if (answer.status >= 300)
    throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Hooks with a new pipeline token of the default project, made through GraphQL. */
async function pipeline(url: string, gql: AdminClient, name: string): Promise<PipelineHooks> {
  const { createPipelineToken } = await gql<{ createPipelineToken: { secret: string } }>(
    `mutation ($name: String!) { createPipelineToken(project: "default", input: { name: $name }) { secret } }`,
    { name },
  );
  return hooksClient(url, createPipelineToken.secret);
}

export interface SeededPlans {
  /** Ramping dark-mode in staging after checkout 2.3.0 succeeded there. */
  readonly ramping: string;
  /** Paused api-rate-limit in staging. */
  readonly paused: string;
}

/**
 * What a pipeline would have told the server (artifacts, releases, deployments, health), through
 * the real hooks with a pipeline token, and rollout plans made through GraphQL, in staging.
 */
export async function seedReleases(url: string, gql: AdminClient): Promise<SeededPlans> {
  const hooks = await pipeline(url, gql, 'deploy bot');
  const artifacts = [
    {
      application: 'checkout',
      version: '2.2.0',
      commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      run: 40,
    },
    {
      application: 'checkout',
      version: '2.3.0',
      commit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
      run: 42,
    },
    {
      application: 'search-api',
      version: '1.0.0',
      commit: 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391',
      run: 7,
    },
  ];
  for (const { application, version, commit, run } of artifacts) {
    await hook(hooks, '/hooks/v1/artifacts', {
      application,
      version,
      commit,
      imageDigest: `sha256:${commit.padEnd(64, '0')}`,
      buildUrl: `https://ci.example.com/${application}/runs/${run}`,
    });
  }
  await hook(hooks, '/hooks/v1/releases', { application: 'checkout', version: '2.2.0', stage: 'beta' });
  await hook(hooks, '/hooks/v1/releases/promote', {
    application: 'checkout',
    version: '2.2.0',
    stage: 'stable',
    notes: 'a week in beta without incidents',
  });
  await hook(hooks, '/hooks/v1/releases', { application: 'checkout', version: '2.3.0', notes: 'QA passed' });

  const plan = async (input: Record<string, unknown>) =>
    (
      await gql<{ createRolloutPlan: { id: string } }>(
        `mutation ($input: CreateRolloutPlanInput!) { createRolloutPlan(project: "default", input: $input) { id } }`,
        { input: { environment: 'staging', application: 'checkout', ...input } },
      )
    ).createRolloutPlan.id;
  const ramping = await plan({
    flag: 'dark-mode',
    minVersion: '2.3.0',
    onFailure: 'ROLLBACK',
    steps: [
      { percent: 10, bakeSeconds: 3600 },
      { percent: 50, bakeSeconds: 7200, requiresApproval: true },
      { percent: 100 },
    ],
  });
  const paused = await plan({
    flag: 'api-rate-limit',
    minVersion: '2.4.0',
    onVariation: 'raised',
    steps: [{ percent: 5, bakeSeconds: 600 }, { percent: 100 }],
  });
  await gql(
    `mutation ($id: ID!) { pauseRolloutPlan(project: "default", id: $id, reason: "waiting for the load test") { id } }`,
    {
      id: paused,
    },
  );

  const deploy = async (application: string, version: string, strategy: unknown, status: string) => {
    const started = await hook(hooks, '/hooks/v1/deployments', {
      application,
      version,
      environment: 'staging',
      strategy,
      pipelineRunUrl: `https://ci.example.com/${application}/deploys/${version}`,
    });
    await hook(hooks, '/hooks/v1/deployments/status', { deploymentId: started.deployment.id, status });
  };
  await deploy('checkout', '2.2.0', { type: 'rolling', maxSurge: '25%', maxUnavailable: 0 }, 'succeeded');
  await deploy('search-api', '1.0.0', { type: 'blue-green' }, 'failed');
  await deploy('checkout', '2.3.0', { type: 'canary', steps: [5, 25, 100] }, 'succeeded');
  await hook(hooks, '/hooks/v1/health', {
    application: 'checkout',
    environment: 'staging',
    status: 'ok',
    source: 'prometheus/ErrorRate',
    details: { errorRate: 0.002 },
  });

  // The plan starts ramping when it hears of the deployment (at once, or at the scheduler's next tick).
  await eventually('the dark-mode plan ramps', async () => {
    const { rolloutPlan } = await gql<{ rolloutPlan: { status: string } }>(
      `query ($id: ID!) { rolloutPlan(project: "default", id: $id) { status } }`,
      { id: ramping },
    );
    return rolloutPlan.status === 'RAMPING';
  });
  return { ramping, paused };
}

/**
 * A pipeline that builds `application`, releases each build as alpha and deploys it to staging,
 * where it succeeds: one artifact, release and deployment per version shipped, in order.
 */
export async function releaseTrain(
  url: string,
  gql: AdminClient,
  application: string,
): Promise<(version: string) => Promise<void>> {
  const hooks = await pipeline(url, gql, `${application} pipeline`);
  return async (version) => {
    await hook(hooks, '/hooks/v1/artifacts', { application, version });
    await hook(hooks, '/hooks/v1/releases', { application, version });
    const started = await hook(hooks, '/hooks/v1/deployments', {
      application,
      version,
      environment: 'staging',
    });
    await hook(hooks, '/hooks/v1/deployments/status', {
      deploymentId: started.deployment.id,
      status: 'succeeded',
    });
  };
}

/**
 * An alert that reports `application` healthy in staging `count` times, one after another, from the
 * sources `check-1` to `check-<count>`.
 */
export async function reportHealth(
  url: string,
  gql: AdminClient,
  application: string,
  count: number,
): Promise<void> {
  const hooks = await pipeline(url, gql, `${application} alerts`);
  for (let n = 1; n <= count; n++) {
    await hook(hooks, '/hooks/v1/health', {
      application,
      environment: 'staging',
      status: 'ok',
      source: `check-${n}`,
    });
  }
}
