import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';
import type { ReleaseEvent } from '../bus/release-event.js';
import { ReleaseSignals } from './release-signals.js';

/** Release records as people read them over GraphQL, and as rollout plans read them (ReleaseSignals). */
describe('release records', () => {
  let api: AdminApi;
  let hooks: PipelineHooks;
  let viewer: string;
  const ids = { applications: {} as Record<string, string>, environments: {} as Record<string, string> };

  const ok = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ) => {
    const res = await api.gql<T>(query, variables, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  };
  const post = async (path: string, body: Record<string, unknown>) => {
    const res = await hooks.post(path, body);
    if (res.status >= 300) throw new Error(`${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const deploy = async (application: string, version: string, environment: string, ...statuses: string[]) => {
    const { deployment } = await post('/hooks/v1/deployments', { application, version, environment });
    for (const status of statuses)
      await post('/hooks/v1/deployments/status', { deploymentId: deployment.id, status });
    return deployment.id as string;
  };

  beforeAll(async () => {
    api = await startAdminApi();
    hooks = await pipelineHooks(api);
    viewer = await api.adminToken('viewer', 'default');
    for (const version of ['2.9.0', '2.10.0', '3.0.0-rc.1', '3.0.0'])
      await post('/hooks/v1/artifacts', { application: 'web', version });
    await post('/hooks/v1/artifacts', { application: 'api', version: '1.0.0' });
    const rows: { kind: string; key: string; id: string }[] = await api.server.storage.dataSource.query(
      `SELECT 'app' AS kind, key, id FROM applications UNION ALL SELECT 'env', key, id FROM environments`,
    );
    for (const r of rows) (r.kind === 'app' ? ids.applications : ids.environments)[r.key] = r.id;
  });
  afterAll(() => api?.close());

  describe('applications', () => {
    it('lists the applications pipelines made, for any role', async () => {
      const data = await ok<{ applications: { key: string }[] }>(
        '{ applications(project: "default") { key } }',
        {},
        viewer,
      );
      expect(data.applications.map((a) => a.key)).toEqual(['api', 'web']);
    });

    it('lets an editor make one ahead of its first artifact, once, with a valid key', async () => {
      const create =
        'mutation($k: String!, $n: String!) { createApplication(project: "default", input: { key: $k, name: $n }) { key name } }';
      expect(await ok(create, { k: 'worker', n: 'Background worker' })).toEqual({
        createApplication: { key: 'worker', name: 'Background worker' },
      });
      const again = await api.gql(create, { k: 'worker', n: 'Again' });
      expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      const bad = await api.gql(create, { k: 'Worker 2', n: '' });
      expect(bad.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [
          { path: '/key', code: 'INVALID_KEY' },
          { path: '/name', code: 'INVALID_NAME' },
        ],
      });
      const asViewer = await api.gql(create, { k: 'viewer-app', n: 'V' }, viewer);
      expect(asViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('artifacts and releases', () => {
    const ARTIFACTS = `query($after: String) { artifacts(project: "default", application: "web", first: 3, after: $after) {
      nodes { version release { stage promotions { fromStage toStage actor notes } } } pageInfo { hasNextPage endCursor } } }`;

    it("pages through an application's artifacts newest first, each with its release", async () => {
      await post('/hooks/v1/releases', { application: 'web', version: '2.10.0', stage: 'beta' });
      type Page = {
        artifacts: {
          nodes: { version: string; release: { stage: string } | null }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const first = await ok<Page>(ARTIFACTS, {}, viewer);
      expect(first.artifacts.nodes.map((a) => a.version)).toEqual(['3.0.0', '3.0.0-rc.1', '2.10.0']);
      expect(first.artifacts.nodes[2]!.release).toMatchObject({ stage: 'BETA' });
      expect(first.artifacts.nodes[0]!.release).toBeNull();
      expect(first.artifacts.pageInfo.hasNextPage).toBe(true);
      const second = await ok<Page>(ARTIFACTS, { after: first.artifacts.pageInfo.endCursor }, viewer);
      expect(second.artifacts.nodes.map((a) => a.version)).toEqual(['2.9.0']);
      expect(second.artifacts.pageInfo.hasNextPage).toBe(false);
      const foreign = await api.gql(ARTIFACTS, { after: 'bm9wZQ' });
      expect(foreign.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('lets an editor promote a release forward, recording who and why, and refuses going back', async () => {
      const PROMOTE = `mutation($stage: ReleaseStage!) { promoteRelease(project: "default", application: "web", version: "2.10.0", stage: $stage, notes: "by hand") {
        stage promotions { fromStage toStage actor notes } } }`;
      const promoted = await ok<{
        promoteRelease: {
          stage: string;
          promotions: { fromStage: string | null; toStage: string; actor: string }[];
        };
      }>(PROMOTE, { stage: 'STABLE' });
      expect(promoted.promoteRelease.stage).toBe('STABLE');
      expect(promoted.promoteRelease.promotions.at(-1)).toEqual({
        fromStage: 'BETA',
        toStage: 'STABLE',
        actor: expect.stringMatching(/^First-run owner/),
        notes: 'by hand',
      });
      const back = await api.gql(PROMOTE, { stage: 'RC' });
      expect(back.errors?.[0]?.extensions).toMatchObject({
        code: 'INVALID_STAGE_TRANSITION',
        stage: 'stable',
      });
      const missing = await api.gql(
        'mutation { promoteRelease(project: "default", application: "web", version: "2.9.0", stage: BETA) { stage } }',
      );
      expect(missing.errors?.[0]).toMatchObject({
        message: 'release web 2.9.0 not found',
        extensions: { code: 'NOT_FOUND' },
      });
    });
  });

  describe('deployments and health', () => {
    let rolledBack: string;
    let running: string;

    beforeAll(async () => {
      running = await deploy('web', '2.9.0', 'production', 'succeeded');
      rolledBack = await deploy('web', '2.10.0', 'production', 'succeeded', 'rolled_back');
      await deploy('web', '3.0.0', 'production', 'failed');
      await deploy('api', '1.0.0', 'production', 'succeeded');
      await deploy('api', '1.0.0', 'staging');
    });

    it('shows what runs in an environment now: the latest succeeded deployment of each application', async () => {
      const data = await ok<{
        currentDeployments: { id: string; application: string; version: string; status: string }[];
      }>(
        '{ currentDeployments(project: "default", environment: "production") { id application version status } }',
        {},
        viewer,
      );
      expect(data.currentDeployments).toEqual([
        { id: expect.any(String), application: 'api', version: '1.0.0', status: 'SUCCEEDED' },
        { id: running, application: 'web', version: '2.9.0', status: 'SUCCEEDED' },
      ]);
    });

    it("pages through an environment's deployments newest first, of all applications or one", async () => {
      const QUERY = `query($app: String, $after: String) { deployments(project: "default", environment: "production", application: $app, first: 2, after: $after) {
        nodes { application version status strategy { type maxSurge maxUnavailable steps } } pageInfo { hasNextPage endCursor } } }`;
      type Page = {
        deployments: {
          nodes: { application: string; version: string; status: string }[];
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
      const all = await ok<Page>(QUERY, {}, viewer);
      expect(all.deployments.nodes).toEqual([
        {
          application: 'api',
          version: '1.0.0',
          status: 'SUCCEEDED',
          strategy: { type: 'rolling', maxSurge: '25%', maxUnavailable: '25%', steps: null },
        },
        expect.objectContaining({ application: 'web', version: '3.0.0', status: 'FAILED' }),
      ]);
      const rest = await ok<Page>(QUERY, { after: all.deployments.pageInfo.endCursor });
      expect(rest.deployments.nodes.map((d) => d.version)).toEqual(['2.10.0', '2.9.0']);
      expect(rest.deployments.pageInfo.hasNextPage).toBe(false);
      const web = await ok<Page>(QUERY, { app: 'web' });
      expect(web.deployments.nodes.map((d) => d.version)).toEqual(['3.0.0', '2.10.0']);
      const unknown = await api.gql(QUERY, { app: 'nope' });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('lists health signals newest first, of all applications or one', async () => {
      for (const [application, status] of [
        ['web', 'ok'],
        ['web', 'breach'],
        ['api', 'ok'],
      ]) {
        await post('/hooks/v1/health', {
          application,
          environment: 'production',
          status,
          source: 'probe',
          details: { n: 1 },
        });
      }
      const QUERY = `query($app: String) { healthSignals(project: "default", environment: "production", application: $app, first: 10) {
        nodes { application status source details actor } } }`;
      const all = await ok<{ healthSignals: { nodes: { application: string; status: string }[] } }>(
        QUERY,
        {},
        viewer,
      );
      expect(all.healthSignals.nodes.map((s) => [s.application, s.status])).toEqual([
        ['api', 'OK'],
        ['web', 'BREACH'],
        ['web', 'OK'],
      ]);
      const web = await ok<{ healthSignals: { nodes: { details: unknown }[] } }>(QUERY, { app: 'web' });
      expect(web.healthSignals.nodes).toHaveLength(2);
      expect(web.healthSignals.nodes[0]!.details).toEqual({ n: 1 });
    });

    it('shows nothing of a project a token cannot see', async () => {
      expect(
        (await api.gql('mutation { createProject(input: { key: "elsewhere", name: "E" }) { key } }')).errors,
      ).toBeUndefined();
      const outsider = await api.adminToken('owner', 'elsewhere');
      for (const query of [
        '{ applications(project: "default") { key } }',
        '{ currentDeployments(project: "default", environment: "production") { id } }',
        '{ healthSignals(project: "default", environment: "production") { nodes { id } } }',
        '{ artifacts(project: "default", application: "web") { nodes { id } } }',
      ]) {
        expect((await api.gql(query, {}, outsider)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
    });

    describe('ReleaseSignals', () => {
      const signals = () => api.server.app.get(ReleaseSignals);
      const web = () => ids.applications.web!;
      const production = () => ids.environments.production!;

      it('answers the latest deployment there, whatever its status', async () => {
        expect(await signals().latestDeployment(web(), production())).toMatchObject({
          version: '3.0.0',
          status: 'failed',
        });
        expect(await signals().latestDeployment(web(), ids.environments.development!)).toBeNull();
      });

      it('finds a deployment of version ≥ V that is succeeded now, by semver precedence', async () => {
        expect(await signals().succeededDeploymentAtLeast(web(), production(), '2.9.0')).toMatchObject({
          id: running,
        });
        // 2.10.0 succeeded but was rolled back since; 3.0.0 failed.
        expect(await signals().succeededDeploymentAtLeast(web(), production(), '2.10.0')).toBeNull();
        const newer = await deploy('web', '2.10.0', 'production', 'succeeded');
        expect(await signals().succeededDeploymentAtLeast(web(), production(), '2.9.1')).toMatchObject({
          id: newer,
          version: '2.10.0',
        });
        expect(await signals().succeededDeploymentAtLeast(web(), production(), '3.0.0-rc.1')).toBeNull();
        expect(newer).not.toBe(rolledBack);
        await expect(signals().succeededDeploymentAtLeast(web(), production(), 'two')).rejects.toThrow(
          RangeError,
        );
      });

      it('answers the breaches reported after a time, oldest first', async () => {
        const [{ now }] = await api.server.storage.dataSource.query('SELECT now() AS now');
        expect(await signals().breachesSince(web(), production(), new Date(now))).toEqual([]);
        await post('/hooks/v1/health', {
          application: 'web',
          environment: 'production',
          status: 'ok',
          source: 'a',
        });
        await post('/hooks/v1/health', {
          application: 'web',
          environment: 'production',
          status: 'breach',
          source: 'b',
        });
        await post('/hooks/v1/health', {
          application: 'web',
          environment: 'staging',
          status: 'breach',
          source: 'c',
        });
        const breaches = await signals().breachesSince(web(), production(), new Date(now));
        expect(breaches.map((s) => s.source)).toEqual(['b']);
      });

      it('tells subscribers of every status change and signal, after commit', async () => {
        const seen: ReleaseEvent[] = [];
        const unsubscribe = signals().subscribe((e) => seen.push(e));
        const id = await deploy('api', '1.0.0', 'development', 'succeeded');
        await post('/hooks/v1/health', {
          application: 'api',
          environment: 'development',
          status: 'breach',
          source: 'd',
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
        unsubscribe();
        expect(seen.map((e) => [e.kind, e.status])).toEqual([
          ['deployment', 'started'],
          ['deployment', 'succeeded'],
          ['health', 'breach'],
        ]);
        expect(seen[1]).toMatchObject({
          deploymentId: id,
          applicationId: ids.applications.api,
          environmentId: ids.environments.development,
        });
      });
    });
  });
});
