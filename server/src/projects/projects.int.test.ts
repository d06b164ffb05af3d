import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

describe('projects and environments over GraphQL', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  it('creates a project with development, staging and a protected production', async () => {
    const res = await api.gql<{
      createProject: { key: string; environments: { key: string; protected: boolean }[] };
    }>(
      'mutation { createProject(input: { key: "shop", name: "Shop" }) { key environments { key protected } } }',
    );
    expect(res.data?.createProject).toEqual({
      key: 'shop',
      environments: [
        { key: 'development', protected: false },
        { key: 'staging', protected: false },
        { key: 'production', protected: true },
      ],
    });
  });

  it('refuses a second project with the same key as a CONFLICT', async () => {
    const res = await api.gql('mutation { createProject(input: { key: "shop", name: "Again" }) { key } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('lists every bad field of an input with its path', async () => {
    const res = await api.gql('mutation { createProject(input: { key: "Bad Key", name: "" }) { key } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [expect.objectContaining({ path: '/key' }), expect.objectContaining({ path: '/name' })],
    });
  });

  it('needs a reason to change a protected environment, and records it', async () => {
    const change =
      'mutation($r: String) { updateEnvironment(project: "shop", environment: "production", input: { color: "#000000" }, reason: $r) { color } }';
    const refused = await api.gql(change, {});
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/reason', code: 'REQUIRED' }],
    });
    const done = await api.gql(change, { r: 'brand colours' });
    expect(done.data).toEqual({ updateEnvironment: { color: '#000000' } });
    const log = await api.gql<{
      revisions: { nodes: { entityKey: string; reason: string; diff: unknown[] }[] };
    }>(
      '{ revisions(project: "shop", entityType: "environment") { nodes { entityKey reason diff { path op before after } } } }',
    );
    expect(log.data?.revisions.nodes[0]).toEqual({
      entityKey: 'production',
      reason: 'brand colours',
      diff: [{ path: '/color', op: 'replace', before: '#ef4444', after: '#000000' }],
    });
  });

  it('lets an editor change nothing in a protected environment', async () => {
    const editor = await api.adminToken('editor', 'shop');
    const res = await api.gql(
      'mutation { updateEnvironment(project: "shop", environment: "staging", input: { name: "S" }) { name } }',
      {},
      editor,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('answers a token of another project as if the project did not exist', async () => {
    const other = await api.adminToken('owner', 'default');
    const res = await api.gql('{ project(key: "shop") { key } }', {}, other);
    expect(res.errors?.[0]).toMatchObject({
      message: 'project shop not found',
      extensions: { code: 'NOT_FOUND' },
    });
    const list = await api.gql<{ projects: { key: string }[] }>('{ projects { key } }', {}, other);
    expect(list.data?.projects).toEqual([{ key: 'default' }]);
  });
});
