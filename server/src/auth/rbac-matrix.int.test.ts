import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema } from 'graphql';
import { readFile } from 'node:fs/promises';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';

type Needs = 'viewer' | 'editor' | 'owner' | 'instance-owner';
type Caller = 'none' | 'viewer' | 'editor' | 'owner' | 'other-project';

interface Operation {
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

interface MutationCase {
  readonly needs: Needs;
  /** Makes what the mutation acts on (as the instance owner) in `project`; `n` keeps attempts apart. */
  prepare(project: string, n: number): Promise<Operation>;
}

const PROJECT = 'rbac';

/**
 * Every mutation of the schema × every kind of caller. A caller without a token is
 * UNAUTHENTICATED; a token of another project gets NOT_FOUND (the project does not exist for it);
 * a role below the one needed gets FORBIDDEN; a role at or above it succeeds. Refused calls write
 * nothing. A new mutation without a row here fails the first test.
 */
describe('role checks of every mutation', () => {
  let api: AdminApi;
  const tokens = new Map<Caller, string | null>();
  let n = 0;

  const ok = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await api.gql<Record<string, Record<string, unknown>>>(query, variables);
    if (res.errors) throw new Error(`fixture failed: ${JSON.stringify(res.errors)}`);
    return res.data!;
  };
  const flag = async (project: string, key: string) => {
    await ok(
      'mutation($p: String!, $k: String!) { createFlag(project: $p, input: { key: $k, name: $k, kind: BOOLEAN }) { key } }',
      { p: project, k: key },
    );
    return key;
  };
  const segment = async (project: string, key: string) => {
    await ok(
      'mutation($p: String!, $k: String!) { createSegment(project: $p, input: { key: $k, name: $k, included: ["a"] }) { key } }',
      { p: project, k: key },
    );
    return key;
  };
  const configEntry = async (project: string, key: string) => {
    await ok(
      'mutation($p: String!, $k: String!) { setConfigEntry(project: $p, environment: "development", input: { key: $k, type: NUMBER, value: 1 }) { key } }',
      { p: project, k: key },
    );
    return key;
  };

  let pipeline: PipelineHooks | undefined;
  /** A release at alpha in `project`, recorded through the hooks as a pipeline would. */
  const release = async (project: string, version: string) => {
    pipeline ??= await pipelineHooks(api, { project });
    for (const path of ['/hooks/v1/artifacts', '/hooks/v1/releases']) {
      const res = await pipeline.post(path, { application: 'app', version });
      if (res.status !== 201) throw new Error(`fixture failed: ${JSON.stringify(res.body)}`);
    }
    return version;
  };

  let shipped: Promise<void> | undefined;
  /** `app` 0.9.0 deployed to development and succeeded there, once. */
  const shipApp = (project: string) =>
    (shipped ??= (async () => {
      pipeline ??= await pipelineHooks(api, { project });
      await pipeline.post('/hooks/v1/artifacts', { application: 'app', version: '0.9.0' });
      const started = await pipeline.post('/hooks/v1/deployments', {
        application: 'app',
        version: '0.9.0',
        environment: 'development',
      });
      const done = await pipeline.post('/hooks/v1/deployments/status', {
        deploymentId: started.body.deployment.id,
        status: 'succeeded',
      });
      if (done.status !== 200) throw new Error(`fixture failed: ${JSON.stringify(done.body)}`);
    })());
  const createPlan =
    'mutation($p: String!, $f: String!, $v: String!, $a: Boolean!) { createRolloutPlan(project: $p, input: { environment: "development", flag: $f, application: "app", minVersion: $v, steps: [{ percent: 10, requiresApproval: $a }] }) { id } }';
  /** A rollout plan of a new flag in development: waiting for app 99.0.0, or awaiting approval of its first step. */
  const rolloutPlan = async (project: string, key: string, awaitingApproval = false) => {
    await shipApp(project);
    const f = await flag(project, key);
    const made = await ok(createPlan, {
      p: project,
      f,
      v: awaitingApproval ? '0.9.0' : '99.0.0',
      a: awaitingApproval,
    });
    return made.createRolloutPlan!.id as string;
  };
  const planAction = (mutation: string, p: string, id: string): Operation => ({
    query: `mutation($p: String!, $id: ID!) { ${mutation}(project: $p, id: $id) { id } }`,
    variables: { p, id },
  });

  const cases: Record<string, MutationCase> = {
    createProject: {
      needs: 'instance-owner',
      prepare: async (_p, i) => ({
        query: 'mutation($k: String!) { createProject(input: { key: $k, name: "P" }) { key } }',
        variables: { k: `new-${i}` },
      }),
    },
    renameProject: {
      needs: 'owner',
      prepare: async (p) => ({
        query: 'mutation($p: String!) { renameProject(project: $p, name: "Renamed") { key } }',
        variables: { p },
      }),
    },
    archiveProject: {
      needs: 'owner',
      prepare: async (p) => ({
        query: 'mutation($p: String!) { archiveProject(project: $p) { key } }',
        variables: { p },
      }),
    },
    unarchiveProject: {
      needs: 'owner',
      prepare: async (p) => ({
        query: 'mutation($p: String!) { unarchiveProject(project: $p) { key } }',
        variables: { p },
      }),
    },
    createEnvironment: {
      needs: 'owner',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { createEnvironment(project: $p, input: { key: $k, name: "QA" }) { key } }',
        variables: { p, k: `qa-${i}` },
      }),
    },
    updateEnvironment: {
      needs: 'owner',
      prepare: async (p) => ({
        query:
          'mutation($p: String!) { updateEnvironment(project: $p, environment: "development", input: { name: "Dev" }) { key } }',
        variables: { p },
      }),
    },
    archiveEnvironment: {
      needs: 'owner',
      prepare: async (p) => ({
        query: 'mutation($p: String!) { archiveEnvironment(project: $p, environment: "staging") { key } }',
        variables: { p },
      }),
    },
    unarchiveEnvironment: {
      needs: 'owner',
      prepare: async (p) => ({
        query: 'mutation($p: String!) { unarchiveEnvironment(project: $p, environment: "staging") { key } }',
        variables: { p },
      }),
    },
    createFlag: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { createFlag(project: $p, input: { key: $k, name: "F", kind: BOOLEAN }) { key } }',
        variables: { p, k: `created-${i}` },
      }),
    },
    updateFlag: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $f: String!) { updateFlag(project: $p, flag: $f, input: { name: "Renamed" }, expectedVersion: 1) { key } }',
        variables: { p, f: await flag(p, `update-${i}`) },
      }),
    },
    updateFlagConfig: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query: `mutation($p: String!, $f: String!) { updateFlagConfig(project: $p, environment: "development", flag: $f, expectedVersion: 1,
          input: { enabled: true, offVariation: "off", fallthrough: { rollout: { weights: [{ variation: "on", weight: 10000 }, { variation: "off", weight: 90000 }] } } }) { version } }`,
        variables: { p, f: await flag(p, `config-${i}`) },
      }),
    },
    setFlagEnabled: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $f: String!) { setFlagEnabled(project: $p, environment: "development", flag: $f, enabled: true, expectedVersion: 1) { version } }',
        variables: { p, f: await flag(p, `toggle-${i}`) },
      }),
    },
    copyFlagConfig: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $f: String!) { copyFlagConfig(project: $p, flag: $f, from: "development", to: "staging", expectedVersion: 1) { version } }',
        variables: { p, f: await flag(p, `copy-${i}`) },
      }),
    },
    archiveFlag: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query: 'mutation($p: String!, $f: String!) { archiveFlag(project: $p, flag: $f) { key } }',
        variables: { p, f: await flag(p, `archive-${i}`) },
      }),
    },
    unarchiveFlag: {
      needs: 'editor',
      prepare: async (p, i) => {
        const f = await flag(p, `unarchive-${i}`);
        await ok('mutation($p: String!, $f: String!) { archiveFlag(project: $p, flag: $f) { key } }', {
          p,
          f,
        });
        return {
          query: 'mutation($p: String!, $f: String!) { unarchiveFlag(project: $p, flag: $f) { key } }',
          variables: { p, f },
        };
      },
    },
    restoreFlagRevision: {
      needs: 'editor',
      prepare: async (p, i) => {
        const f = await flag(p, `restore-${i}`);
        await ok(
          'mutation($p: String!, $f: String!) { setFlagEnabled(project: $p, environment: "development", flag: $f, enabled: true, expectedVersion: 1) { version } }',
          { p, f },
        );
        const log = await ok(
          'query($p: String!, $f: String!) { revisions(project: $p, entityType: "flagConfig", entityKey: $f, environment: "development") { nodes { id action } } }',
          { p, f },
        );
        const created = (log.revisions!.nodes as { id: string; action: string }[]).find(
          (r) => r.action === 'create',
        )!;
        return {
          query:
            'mutation($p: String!, $r: ID!) { restoreFlagRevision(project: $p, revision: $r, expectedVersion: 2) { key } }',
          variables: { p, r: created.id },
        };
      },
    },
    createSegment: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { createSegment(project: $p, input: { key: $k, name: "S" }) { key } }',
        variables: { p, k: `seg-${i}` },
      }),
    },
    updateSegment: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $s: String!) { updateSegment(project: $p, segment: $s, input: { name: "Renamed" }, expectedVersion: 1) { key } }',
        variables: { p, s: await segment(p, `seg-update-${i}`) },
      }),
    },
    addSegmentKeys: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $s: String!) { addSegmentKeys(project: $p, segment: $s, list: INCLUDED, keys: ["b"], expectedVersion: 1) { key } }',
        variables: { p, s: await segment(p, `seg-add-${i}`) },
      }),
    },
    removeSegmentKeys: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $s: String!) { removeSegmentKeys(project: $p, segment: $s, list: INCLUDED, keys: ["a"], expectedVersion: 1) { key } }',
        variables: { p, s: await segment(p, `seg-remove-${i}`) },
      }),
    },
    deleteSegment: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $s: String!) { deleteSegment(project: $p, segment: $s, expectedVersion: 1) }',
        variables: { p, s: await segment(p, `seg-delete-${i}`) },
      }),
    },
    setConfigEntry: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { setConfigEntry(project: $p, environment: "development", input: { key: $k, type: STRING, value: "v" }) { key } }',
        variables: { p, k: `entry-${i}` },
      }),
    },
    setSecret: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { setSecret(project: $p, environment: "development", input: { key: $k, value: "s3cret" }) { key } }',
        variables: { p, k: `secret-${i}` },
      }),
    },
    deleteConfigEntry: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { deleteConfigEntry(project: $p, environment: "development", key: $k, expectedVersion: 1) }',
        variables: { p, k: await configEntry(p, `entry-delete-${i}`) },
      }),
    },
    createAdminToken: {
      needs: 'owner',
      prepare: async (p) => ({
        query:
          'mutation($p: String!) { createAdminToken(project: $p, input: { name: "t", role: VIEWER }) { secret } }',
        variables: { p },
      }),
    },
    createSdkKey: {
      needs: 'owner',
      prepare: async (p) => ({
        query:
          'mutation($p: String!) { createSdkKey(project: $p, environment: "development", input: { name: "k", kind: SERVER }) { secret } }',
        variables: { p },
      }),
    },
    createPipelineToken: {
      needs: 'owner',
      prepare: async (p) => ({
        query: 'mutation($p: String!) { createPipelineToken(project: $p, input: { name: "ci" }) { secret } }',
        variables: { p },
      }),
    },
    createApplication: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $k: String!) { createApplication(project: $p, input: { key: $k, name: "A" }) { key } }',
        variables: { p, k: `app-${i}` },
      }),
    },
    promoteRelease: {
      needs: 'editor',
      prepare: async (p, i) => ({
        query:
          'mutation($p: String!, $v: String!) { promoteRelease(project: $p, application: "app", version: $v, stage: BETA) { stage } }',
        variables: { p, v: await release(p, `1.0.${i}`) },
      }),
    },
    createRolloutPlan: {
      needs: 'editor',
      prepare: async (p, i) => {
        await shipApp(p);
        return { query: createPlan, variables: { p, f: await flag(p, `plan-${i}`), v: '99.0.0', a: false } };
      },
    },
    pauseRolloutPlan: {
      needs: 'editor',
      prepare: async (p, i) => planAction('pauseRolloutPlan', p, await rolloutPlan(p, `plan-pause-${i}`)),
    },
    resumeRolloutPlan: {
      needs: 'editor',
      prepare: async (p, i) => {
        const id = await rolloutPlan(p, `plan-resume-${i}`);
        await ok(planAction('pauseRolloutPlan', p, id).query, { p, id });
        return planAction('resumeRolloutPlan', p, id);
      },
    },
    approveRolloutPlanStep: {
      needs: 'editor',
      prepare: async (p, i) =>
        planAction('approveRolloutPlanStep', p, await rolloutPlan(p, `plan-approve-${i}`, true)),
    },
    rollBackRolloutPlan: {
      needs: 'editor',
      prepare: async (p, i) => planAction('rollBackRolloutPlan', p, await rolloutPlan(p, `plan-back-${i}`)),
    },
    completeRolloutPlan: {
      needs: 'editor',
      prepare: async (p, i) =>
        planAction('completeRolloutPlan', p, await rolloutPlan(p, `plan-complete-${i}`)),
    },
    cancelRolloutPlan: {
      needs: 'editor',
      prepare: async (p, i) => planAction('cancelRolloutPlan', p, await rolloutPlan(p, `plan-cancel-${i}`)),
    },
    revokeToken: {
      needs: 'owner',
      prepare: async (p) => {
        const made = await ok(
          'mutation($p: String!) { createPipelineToken(project: $p, input: { name: "ci" }) { token { id } } }',
          { p },
        );
        return {
          query: 'mutation($p: String!, $id: ID!) { revokeToken(project: $p, id: $id) { id } }',
          variables: { p, id: (made.createPipelineToken!.token as { id: string }).id },
        };
      },
    },
  };

  beforeAll(async () => {
    api = await startAdminApi();
    await ok(`mutation { createProject(input: { key: "${PROJECT}", name: "RBAC" }) { key } }`);
    tokens.set('none', null);
    for (const role of ['viewer', 'editor', 'owner'] as const)
      tokens.set(role, await api.adminToken(role, PROJECT));
    tokens.set('other-project', await api.adminToken('owner', 'default'));
  });
  afterAll(() => api?.close());

  it('has a row for every mutation in the schema', async () => {
    const schema = buildSchema(await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8'));
    const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
    expect(Object.keys(cases).sort()).toEqual(mutations);
  });

  const rank: Record<Needs, number> = { viewer: 0, editor: 1, owner: 2, 'instance-owner': 3 };
  const expected = (caller: Caller, needs: Needs): string | null => {
    if (caller === 'none') return 'UNAUTHENTICATED';
    if (caller === 'other-project') return needs === 'instance-owner' ? 'FORBIDDEN' : 'NOT_FOUND';
    return rank[caller] >= rank[needs] ? null : 'FORBIDDEN';
  };
  const revisionCount = async () =>
    Number((await api.server.storage.dataSource.query('SELECT count(*) AS n FROM revisions'))[0].n);

  const callers: Caller[] = ['none', 'viewer', 'editor', 'owner', 'other-project'];
  for (const mutation of Object.keys(cases)) {
    for (const caller of callers) {
      it(`${mutation} as ${caller}`, async () => {
        const operation = await cases[mutation]!.prepare(PROJECT, ++n);
        const before = await revisionCount();
        const res = await api.gql(operation.query, operation.variables, tokens.get(caller));
        const code = expected(caller, cases[mutation]!.needs);
        if (code === null) {
          expect(res.errors).toBeUndefined();
          expect(res.data?.[mutation]).toBeTruthy();
        } else {
          expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
          expect(await revisionCount()).toBe(before);
        }
      });
    }
  }
});
