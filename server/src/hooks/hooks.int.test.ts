import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';
import type { ReleaseEvent } from '../bus/release-event.js';

/** The pipeline hooks over real HTTP: each one's answers and refusals, and what they write. */
describe('pipeline hooks', () => {
  let api: AdminApi;
  let hooks: PipelineHooks;
  const events: ReleaseEvent[] = [];

  const count = async (table: string): Promise<number> =>
    Number((await api.server.storage.dataSource.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  beforeAll(async () => {
    api = await startAdminApi();
    hooks = await pipelineHooks(api);
    api.server.bus.subscribeReleases((e) => events.push(e));
  });
  afterAll(() => api?.close());

  describe('POST /hooks/v1/artifacts', () => {
    const artifact = {
      application: 'checkout',
      version: '2.3.0',
      commit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
      imageDigest: `sha256:${'a'.repeat(64)}`,
      buildUrl: 'https://ci.example.com/builds/17',
    };

    it('records an artifact and makes its application on first use', async () => {
      const res = await hooks.post('/hooks/v1/artifacts', artifact);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        artifact: {
          id: expect.any(String),
          ...artifact,
          createdAt: expect.any(String),
          createdBy: expect.stringMatching(/^ci \(fsp_/),
        },
      });
      const apps = await api.gql<{ applications: { key: string; name: string }[] }>(
        '{ applications(project: "default") { key name } }',
      );
      expect(apps.data!.applications).toEqual([{ key: 'checkout', name: 'checkout' }]);
    });

    it('answers an identical repeat with the stored artifact and 200, writing nothing', async () => {
      const first = await hooks.post('/hooks/v1/artifacts', { ...artifact, version: '2.3.1' });
      const before = await count('artifacts');
      const again = await hooks.post('/hooks/v1/artifacts', { ...artifact, version: '2.3.1' });
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect(await count('artifacts')).toBe(before);
    });

    it('refuses the same version with other content as ARTIFACT_CONFLICT naming the fields', async () => {
      const res = await hooks.post('/hooks/v1/artifacts', {
        ...artifact,
        commit: '1111111',
        buildUrl: undefined,
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        statusCode: 409,
        code: 'ARTIFACT_CONFLICT',
        fields: ['commit', 'buildUrl'],
        requestId: expect.any(String),
      });
      expect(res.body.message).toContain('checkout 2.3.0');
    });

    it('names every bad field in one 400, unknown fields included, and writes nothing', async () => {
      const before = await count('artifacts');
      const res = await hooks.post('/hooks/v1/artifacts', {
        application: 'Check Out',
        version: 'latest',
        commit: 'xyz',
        imageDigest: 'sha256',
        buildUrl: 'ftp://ci',
        branch: 'main',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BAD_USER_INPUT');
      expect(res.body.problems.map((p: { path: string; code: string }) => [p.path, p.code])).toEqual([
        ['/application', 'INVALID_KEY'],
        ['/version', 'INVALID_VERSION'],
        ['/commit', 'INVALID_COMMIT'],
        ['/imageDigest', 'INVALID_DIGEST'],
        ['/buildUrl', 'INVALID_URL'],
        ['/branch', 'UNKNOWN_FIELD'],
      ]);
      expect(await count('artifacts')).toBe(before);
      expect(await count('applications')).toBe(1);
    });

    it('says which required fields are missing, and refuses bodies that are not JSON objects', async () => {
      const missing = await hooks.post('/hooks/v1/artifacts', { commit: 'abcdef1' });
      expect(missing.body.problems).toEqual([
        { path: '/application', code: 'REQUIRED', message: 'application is required' },
        { path: '/version', code: 'REQUIRED', message: 'version is required' },
      ]);
      const array = await hooks.post('/hooks/v1/artifacts', [artifact]);
      expect(array.status).toBe(400);
      expect(array.body.problems[0]).toMatchObject({ path: '', code: 'INVALID_BODY' });
      const notJson = await hooks.post('/hooks/v1/artifacts', null, { raw: '{"application": ' });
      expect(notJson.status).toBe(400);
      expect(notJson.body).toMatchObject({ statusCode: 400, code: 'BAD_REQUEST' });
      const nul = await hooks.post('/hooks/v1/artifacts', {
        ...artifact,
        version: '3.0.0',
        buildUrl: 'https://x/\u0000',
      });
      expect(nul.status).toBe(400);
      expect(nul.body.problems[0]).toMatchObject({ path: '/buildUrl', code: 'INVALID_TEXT' });
    });
  });

  describe('POST /hooks/v1/releases and /releases/promote', () => {
    beforeAll(async () => {
      for (const version of ['4.0.0', '4.1.0', '4.2.0']) {
        expect((await hooks.post('/hooks/v1/artifacts', { application: 'billing', version })).status).toBe(
          201,
        );
      }
    });

    it('releases an artifact at alpha by default, recording the first step', async () => {
      const res = await hooks.post('/hooks/v1/releases', {
        application: 'billing',
        version: '4.0.0',
        notes: 'first cut',
      });
      expect(res.status).toBe(201);
      expect(res.body.release).toMatchObject({
        application: 'billing',
        version: '4.0.0',
        stage: 'alpha',
        promotions: [
          { fromStage: null, toStage: 'alpha', notes: 'first cut', actor: expect.stringMatching(/^ci /) },
        ],
      });
    });

    it('answers a repeat at the same stage with 200, and another stage with CONFLICT', async () => {
      const same = await hooks.post('/hooks/v1/releases', { application: 'billing', version: '4.0.0' });
      expect(same.status).toBe(200);
      expect(same.body.release.promotions).toHaveLength(1);
      const other = await hooks.post('/hooks/v1/releases', {
        application: 'billing',
        version: '4.0.0',
        stage: 'rc',
      });
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('CONFLICT');
    });

    it('promotes forward, skipping stages, and records each step with its notes', async () => {
      await hooks.post('/hooks/v1/releases', { application: 'billing', version: '4.1.0', stage: 'beta' });
      const rc = await hooks.post('/hooks/v1/releases/promote', {
        application: 'billing',
        version: '4.1.0',
        stage: 'stable',
        notes: 'soaked for a week',
      });
      expect(rc.status).toBe(200);
      expect(rc.body.release.stage).toBe('stable');
      expect(
        rc.body.release.promotions.map((p: { fromStage: string; toStage: string }) => [
          p.fromStage,
          p.toStage,
        ]),
      ).toEqual([
        [null, 'beta'],
        ['beta', 'stable'],
      ]);
    });

    it('refuses to move a release backwards or to where it is, with INVALID_STAGE_TRANSITION', async () => {
      await hooks.post('/hooks/v1/releases', { application: 'billing', version: '4.2.0', stage: 'rc' });
      for (const stage of ['beta', 'rc']) {
        const res = await hooks.post('/hooks/v1/releases/promote', {
          application: 'billing',
          version: '4.2.0',
          stage,
        });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'INVALID_STAGE_TRANSITION', stage: 'rc' });
      }
    });

    it('answers NOT_FOUND naming the artifact or release that is not there', async () => {
      const noArtifact = await hooks.post('/hooks/v1/releases', { application: 'billing', version: '9.9.9' });
      expect(noArtifact.status).toBe(404);
      expect(noArtifact.body).toMatchObject({
        code: 'NOT_FOUND',
        message: 'artifact billing 9.9.9 not found',
      });
      await hooks.post('/hooks/v1/artifacts', { application: 'billing', version: '5.0.0' });
      const noRelease = await hooks.post('/hooks/v1/releases/promote', {
        application: 'billing',
        version: '5.0.0',
        stage: 'beta',
      });
      expect(noRelease.body).toMatchObject({ code: 'NOT_FOUND', message: 'release billing 5.0.0 not found' });
      const noApp = await hooks.post('/hooks/v1/releases', { application: 'nothing', version: '1.0.0' });
      expect(noApp.body).toMatchObject({ code: 'NOT_FOUND', message: 'application nothing not found' });
    });

    it('needs a stage to promote to', async () => {
      const res = await hooks.post('/hooks/v1/releases/promote', {
        application: 'billing',
        version: '4.0.0',
        stage: 'ga',
      });
      expect(res.body.problems).toEqual([
        { path: '/stage', code: 'INVALID_VALUE', message: 'stage is one of alpha, beta, rc, stable' },
      ]);
    });
  });

  describe('POST /hooks/v1/deployments and /deployments/status', () => {
    beforeAll(async () => {
      for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
        await hooks.post('/hooks/v1/artifacts', { application: 'search', version });
      }
    });

    const start = (body: Record<string, unknown>) =>
      hooks.post('/hooks/v1/deployments', { application: 'search', environment: 'staging', ...body });
    const report = (body: Record<string, unknown>) => hooks.post('/hooks/v1/deployments/status', body);

    it('starts a deployment with a rolling 25 %/25 % strategy by default, and publishes it after commit', async () => {
      events.length = 0;
      const res = await start({ version: '1.0.0', pipelineRunUrl: 'https://ci.example.com/runs/5' });
      expect(res.status).toBe(201);
      expect(res.body.deployment).toMatchObject({
        application: 'search',
        environment: 'staging',
        version: '1.0.0',
        strategy: { type: 'rolling', maxSurge: '25%', maxUnavailable: '25%' },
        status: 'started',
        pipelineRunUrl: 'https://ci.example.com/runs/5',
        finishedAt: null,
      });
      await settle();
      expect(events).toEqual([
        {
          kind: 'deployment',
          projectId: expect.any(String),
          applicationId: expect.any(String),
          environmentId: expect.any(String),
          deploymentId: res.body.deployment.id,
          version: '1.0.0',
          status: 'started',
          committedAt: expect.any(Number),
        },
      ]);
    });

    it('keeps blue-green, canary and explicit rolling strategies as given', async () => {
      const strategies = [
        { type: 'blue-green' },
        { type: 'canary', steps: [1, 10, 50, 100] },
        { type: 'rolling', maxSurge: 2, maxUnavailable: '0%' },
        { type: 'rolling', maxSurge: '50%' },
      ];
      const answers = await Promise.all(strategies.map((strategy) => start({ version: '1.0.0', strategy })));
      expect(answers.map((a) => a.body.deployment.strategy)).toEqual([
        strategies[0],
        strategies[1],
        strategies[2],
        { type: 'rolling', maxSurge: '50%', maxUnavailable: '25%' },
      ]);
    });

    it('refuses strategies that make no sense, with the path of each problem', async () => {
      const cases: [unknown, string][] = [
        [{ type: 'canary', steps: [10, 5] }, '/strategy/steps'],
        [{ type: 'canary', steps: [] }, '/strategy/steps'],
        [{ type: 'canary', steps: [0, 101] }, '/strategy/steps'],
        [{ type: 'rolling', maxSurge: 0, maxUnavailable: '0%' }, '/strategy'],
        [{ type: 'rolling', maxSurge: '150%' }, '/strategy/maxSurge'],
        [{ type: 'rolling', maxUnavailable: -1 }, '/strategy/maxUnavailable'],
        [{ type: 'blue-green', steps: [1] }, '/strategy/steps'],
        [{ type: 'recreate' }, '/strategy/type'],
        ['rolling', '/strategy'],
      ];
      const before = await count('deployments');
      for (const [strategy, path] of cases) {
        const res = await start({ version: '1.0.0', strategy });
        expect(res.status).toBe(400);
        expect(res.body.problems.map((p: { path: string }) => p.path)).toEqual([path]);
      }
      expect(await count('deployments')).toBe(before);
    });

    it('answers NOT_FOUND naming a missing artifact or environment', async () => {
      const noArtifact = await start({ version: '7.0.0' });
      expect(noArtifact.status).toBe(404);
      expect(noArtifact.body.message).toBe('artifact search 7.0.0 not found');
      const noEnvironment = await start({ version: '1.0.0', environment: 'qa' });
      expect(noEnvironment.body.message).toBe('environment qa not found');
    });

    it('moves a deployment named by id through started → succeeded → rolled_back, with a timeline', async () => {
      const started = (await start({ version: '1.1.0', environment: 'production' })).body.deployment;
      const succeeded = await report({
        deploymentId: started.id,
        status: 'succeeded',
        details: { replicas: 3 },
      });
      expect(succeeded.status).toBe(200);
      expect(succeeded.body.deployment).toMatchObject({
        id: started.id,
        status: 'succeeded',
        finishedAt: expect.any(String),
      });
      const again = await report({ deploymentId: started.id, status: 'succeeded' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', status: 'succeeded' });
      const rolledBack = await report({ deploymentId: started.id, status: 'rolled_back' });
      expect(rolledBack.body.deployment.status).toBe('rolled_back');
      const timeline = await api.gql<{
        deployments: { nodes: { id: string; events: { status: string; details: unknown }[] }[] };
      }>(
        `{ deployments(project: "default", environment: "production", application: "search") { nodes { id events { status details } } } }`,
      );
      expect(timeline.data!.deployments.nodes[0]).toEqual({
        id: started.id,
        events: [
          { status: 'STARTED', details: null },
          { status: 'SUCCEEDED', details: { replicas: 3 } },
          { status: 'ROLLED_BACK', details: null },
        ],
      });
    });

    it('finds the most recent deployment of an application in an environment when the id is not given', async () => {
      const older = (await start({ version: '1.1.0' })).body.deployment;
      const newer = (await start({ version: '1.2.0' })).body.deployment;
      const failed = await report({ application: 'search', environment: 'staging', status: 'failed' });
      expect(failed.body.deployment).toMatchObject({ id: newer.id, status: 'failed' });
      const byVersion = await report({
        application: 'search',
        environment: 'staging',
        version: '1.1.0',
        status: 'succeeded',
      });
      expect(byVersion.body.deployment).toMatchObject({ id: older.id, status: 'succeeded' });
      const undo = await report({ application: 'search', environment: 'staging', status: 'rolled_back' });
      expect(undo.body.deployment).toMatchObject({ id: newer.id, status: 'rolled_back' });
    });

    it('refuses transitions the lifecycle does not have', async () => {
      const started = (await start({ version: '1.0.0' })).body.deployment;
      const res = await report({ deploymentId: started.id, status: 'rolled_back' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', status: 'started' });
      const back = await report({ deploymentId: started.id, status: 'started' });
      expect(back.body.problems[0]).toMatchObject({ path: '/status', code: 'INVALID_VALUE' });
    });

    it('wants either a deployment id or an application and environment', async () => {
      const both = await report({
        deploymentId: '00000000-0000-4000-8000-000000000000',
        application: 'search',
        status: 'failed',
      });
      expect(both.body.problems.map((p: { code: string }) => p.code)).toEqual(['AMBIGUOUS_TARGET']);
      const neither = await report({ status: 'failed' });
      expect(neither.body.problems.map((p: { path: string }) => p.path)).toEqual([
        '/application',
        '/environment',
      ]);
      const unknown = await report({
        deploymentId: '00000000-0000-4000-8000-000000000000',
        status: 'failed',
      });
      expect(unknown.status).toBe(404);
      const noneThere = await report({ application: 'search', environment: 'development', status: 'failed' });
      expect(noneThere.body.message).toBe('deployment of search to development not found');
    });
  });

  describe('POST /hooks/v1/health', () => {
    it('records ok and breach signals with their details, and publishes them', async () => {
      await hooks.post('/hooks/v1/artifacts', { application: 'gateway', version: '0.1.0' });
      events.length = 0;
      const res = await hooks.post('/hooks/v1/health', {
        application: 'gateway',
        environment: 'production',
        status: 'breach',
        source: 'prometheus/HighErrorRate',
        details: { errorRate: 0.07, threshold: 0.05 },
      });
      expect(res.status).toBe(201);
      expect(res.body.signal).toMatchObject({
        application: 'gateway',
        environment: 'production',
        status: 'breach',
        source: 'prometheus/HighErrorRate',
        details: { errorRate: 0.07, threshold: 0.05 },
      });
      await settle();
      expect(events).toEqual([
        expect.objectContaining({ kind: 'health', status: 'breach', signalId: res.body.signal.id }),
      ]);
    });

    it('refuses an unknown status, an empty source, too large details, and an unknown application', async () => {
      const bad = await hooks.post('/hooks/v1/health', {
        application: 'gateway',
        environment: 'production',
        status: 'degraded',
        source: ' ',
        details: { log: 'x'.repeat(20_000) },
      });
      expect(bad.body.problems.map((p: { path: string }) => p.path)).toEqual([
        '/status',
        '/source',
        '/details',
      ]);
      const unknown = await hooks.post('/hooks/v1/health', {
        application: 'nothing',
        environment: 'production',
        status: 'ok',
        source: 'smoke test',
      });
      expect(unknown.status).toBe(404);
    });
  });

  describe('authentication', () => {
    it('answers every missing, malformed, unknown, revoked or wrong-kind token with the same 401', async () => {
      const revoked = await pipelineHooks(api, { name: 'old' });
      const [{ id }] = await api.server.storage.dataSource.query('SELECT id FROM tokens WHERE prefix = $1', [
        revoked.token.slice(0, 12),
      ]);
      await api.gql('mutation($id: ID!) { revokeToken(project: "default", id: $id) { id } }', { id });
      const sdk = await api.sdkKey('SERVER');
      const tokens = [null, 'nonsense', 'fsp_unknown', revoked.token, api.ownerToken, sdk.secret];
      const before = await count('artifacts');
      for (const token of tokens) {
        const res = await hooks.post(
          '/hooks/v1/artifacts',
          { application: 'auth', version: '1.0.0' },
          { token },
        );
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({
          statusCode: 401,
          code: 'UNAUTHENTICATED',
          message: 'a valid pipeline token is required (Authorization: Bearer fsp_…)',
        });
      }
      expect(await count('artifacts')).toBe(before);
    });

    it('keeps each token to its own project', async () => {
      expect(
        (await api.gql('mutation { createProject(input: { key: "other", name: "Other" }) { key } }')).errors,
      ).toBeUndefined();
      const other = await pipelineHooks(api, { project: 'other' });
      const res = await other.post('/hooks/v1/releases', { application: 'checkout', version: '2.3.0' });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('application checkout not found');
      const own = await other.post('/hooks/v1/artifacts', {
        application: 'checkout',
        version: '2.3.0',
        commit: 'fffffff',
      });
      expect(own.status).toBe(201);
    });
  });
});
