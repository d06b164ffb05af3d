import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { hashToken } from '../auth/token-secret.js';

interface Token {
  id: string;
  kind: string;
  name: string;
  prefix: string;
  role: string | null;
  environment: string | null;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface Created {
  token: Token;
  secret: string;
}

const TOKEN = 'id kind name prefix role environment createdBy createdAt lastUsedAt revokedAt';

const CREATE_ADMIN = `mutation($p: String!, $name: String!, $role: TokenRole!) {
  createAdminToken(project: $p, input: { name: $name, role: $role }) { token { ${TOKEN} } secret } }`;
const CREATE_SDK_KEY = `mutation($p: String!, $e: String!, $name: String!, $kind: SdkKeyKind!) {
  createSdkKey(project: $p, environment: $e, input: { name: $name, kind: $kind }) { token { ${TOKEN} } secret } }`;
const CREATE_PIPELINE = `mutation($p: String!, $name: String!) {
  createPipelineToken(project: $p, input: { name: $name }) { token { ${TOKEN} } secret } }`;
const LIST = `query($p: String!, $kind: TokenKind, $all: Boolean) {
  tokens(project: $p, kind: $kind, includeRevoked: $all) { ${TOKEN} } }`;
const REVOKE = `mutation($p: String!, $id: ID!, $reason: String) {
  revokeToken(project: $p, id: $id, reason: $reason) { ${TOKEN} } }`;
const RENAME_DEVELOPMENT = `mutation($name: String!) {
  updateEnvironment(project: "default", environment: "development", input: { name: $name }) { name } }`;
const TOKEN_REVISIONS = `query($p: String!, $key: String) {
  revisions(project: $p, entityType: "token", entityKey: $key) {
    nodes { entityKey environment action before after actor reason } } }`;

describe('tokens and roles over GraphQL', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
    const shop = await api.gql('mutation { createProject(input: { key: "shop", name: "Shop" }) { key } }');
    expect(shop.errors).toBeUndefined();
  });
  afterAll(() => api?.close());

  async function createAdmin(role: string, name = `a ${role}`, project = 'default', as?: string) {
    const res = await api.gql<{ createAdminToken: Created }>(CREATE_ADMIN, { p: project, name, role }, as);
    expect(res.errors).toBeUndefined();
    return res.data!.createAdminToken;
  }

  async function list(project = 'default', as?: string, variables: Record<string, unknown> = {}) {
    const res = await api.gql<{ tokens: Token[] }>(LIST, { p: project, ...variables }, as);
    expect(res.errors).toBeUndefined();
    return res.data!.tokens;
  }

  async function tokenRevisions(project: string, prefix?: string) {
    const res = await api.gql<{ revisions: { nodes: Record<string, unknown>[] } }>(TOKEN_REVISIONS, {
      p: project,
      key: prefix,
    });
    expect(res.errors).toBeUndefined();
    return res.data!.revisions.nodes;
  }

  async function storedRows(): Promise<string> {
    const db = api.server.storage.dataSource;
    const rows = [
      ...(await db.query('SELECT * FROM tokens')),
      ...(await db.query('SELECT * FROM revisions')),
    ];
    return JSON.stringify(rows);
  }

  async function counts() {
    const [row] = await api.server.storage.dataSource.query(
      'SELECT (SELECT count(*) FROM tokens)::int AS tokens, (SELECT count(*) FROM revisions)::int AS revisions',
    );
    return row;
  }

  it('creates an admin token whose secret is shown once, stored as a hash and listed by its prefix only', async () => {
    const created = await createAdmin('VIEWER', 'dashboard reader');
    expect(created.secret).toMatch(/^fsa_[A-Za-z0-9_-]{43}$/);
    expect(created.token).toMatchObject({
      kind: 'ADMIN',
      name: 'dashboard reader',
      prefix: created.secret.slice(0, 12),
      role: 'VIEWER',
      environment: null,
      createdBy: expect.stringMatching(/^First-run owner \(fsa_/),
      lastUsedAt: null,
      revokedAt: null,
    });

    const listed = await list();
    expect(listed).toContainEqual(created.token);
    const stored = await storedRows();
    expect(stored).toContain(hashToken(created.secret));
    expect(stored).not.toContain(created.secret.slice(4));
    expect(JSON.stringify(listed)).not.toContain(created.secret.slice(4));

    expect(await tokenRevisions('default', created.token.prefix)).toEqual([
      {
        entityKey: created.token.prefix,
        environment: null,
        action: 'create',
        before: null,
        after: {
          kind: 'admin',
          name: 'dashboard reader',
          prefix: created.token.prefix,
          role: 'viewer',
          environment: null,
          revoked: false,
        },
        actor: created.token.createdBy,
        reason: null,
      },
    ]);
  });

  it('creates server and client SDK keys of one environment, protected ones included, and pipeline tokens of the project', async () => {
    const server = await api.gql<{ createSdkKey: Created }>(CREATE_SDK_KEY, {
      p: 'default',
      e: 'production',
      name: 'checkout service',
      kind: 'SERVER',
    });
    const client = await api.gql<{ createSdkKey: Created }>(CREATE_SDK_KEY, {
      p: 'default',
      e: 'staging',
      name: 'web shop',
      kind: 'CLIENT',
    });
    const pipeline = await api.gql<{ createPipelineToken: Created }>(CREATE_PIPELINE, {
      p: 'default',
      name: 'GitHub Actions',
    });
    const s = server.data!.createSdkKey;
    const c = client.data!.createSdkKey;
    const p = pipeline.data!.createPipelineToken;
    expect(s.secret).toMatch(/^fss_/);
    expect(s.token).toMatchObject({ kind: 'SERVER', role: null, environment: 'production' });
    expect(c.secret).toMatch(/^fsc_/);
    expect(c.token).toMatchObject({ kind: 'CLIENT', role: null, environment: 'staging' });
    expect(p.secret).toMatch(/^fsp_/);
    expect(p.token).toMatchObject({ kind: 'PIPELINE', role: null, environment: null });
    for (const created of [s, c, p]) expect(created.token.prefix).toBe(created.secret.slice(0, 12));

    expect(await list('default', undefined, { kind: 'SERVER' })).toEqual([s.token]);
    expect(await list('default', undefined, { kind: 'PIPELINE' })).toEqual([p.token]);
    const all = await list();
    expect(all).toEqual(expect.arrayContaining([s.token, c.token, p.token]));
    for (const created of [s, c, p]) expect(JSON.stringify(all)).not.toContain(created.secret.slice(4));

    const [revision] = await tokenRevisions('default', s.token.prefix);
    expect(revision).toMatchObject({
      environment: 'production',
      action: 'create',
      after: { kind: 'server', name: 'checkout service', role: null, environment: 'production' },
    });
    expect(JSON.stringify(await tokenRevisions('default'))).not.toContain(s.secret.slice(4));
  });

  it('changes no SDK snapshot: creating a key bumps no environment version', async () => {
    const versions = async () =>
      (
        await api.gql<{ project: { environments: { key: string; version: number }[] } }>(
          '{ project(key: "default") { environments { key version } } }',
        )
      ).data!.project.environments;
    const before = await versions();
    await api.gql(CREATE_SDK_KEY, { p: 'default', e: 'development', name: 'versions', kind: 'SERVER' });
    expect(await versions()).toEqual(before);
  });

  it('gives a created viewer token read access and nothing else', async () => {
    const viewer = (await createAdmin('VIEWER')).secret;
    expect((await api.gql('{ project(key: "default") { key } }', {}, viewer)).data).toEqual({
      project: { key: 'default' },
    });
    expect((await list('default', viewer)).length).toBeGreaterThan(0);
    const rename = await api.gql(RENAME_DEVELOPMENT, { name: 'Dev' }, viewer);
    expect(rename.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const mint = await api.gql(CREATE_ADMIN, { p: 'default', name: 'more', role: 'VIEWER' }, viewer);
    expect(mint.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an editor list tokens but neither create nor revoke any kind', async () => {
    const editor = (await createAdmin('EDITOR')).secret;
    const victim = await createAdmin('VIEWER', 'victim');
    expect((await list('default', editor)).map((t) => t.id)).toContain(victim.token.id);
    const attempts = [
      api.gql(CREATE_ADMIN, { p: 'default', name: 'x', role: 'VIEWER' }, editor),
      api.gql(CREATE_SDK_KEY, { p: 'default', e: 'development', name: 'x', kind: 'CLIENT' }, editor),
      api.gql(CREATE_PIPELINE, { p: 'default', name: 'x' }, editor),
      api.gql(REVOKE, { p: 'default', id: victim.token.id }, editor),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data).toBeNull();
    }
    expect((await api.gql('{ project(key: "default") { key } }', {}, victim.secret)).errors).toBeUndefined();
  });

  it('gives a created project owner its project and no more', async () => {
    const owner = (await createAdmin('OWNER', 'project owner')).secret;
    const rename = await api.gql(RENAME_DEVELOPMENT, { name: 'Development' }, owner);
    expect(rename.data).toEqual({ updateEnvironment: { name: 'Development' } });
    const minted = await createAdmin('OWNER', 'minted by a project owner', 'default', owner);
    expect(minted.token.createdBy).toBe('project owner (' + owner.slice(0, 12) + ')');

    const project = await api.gql(
      'mutation { createProject(input: { key: "mine", name: "Mine" }) { key } }',
      {},
      owner,
    );
    expect(project.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await api.gql(CREATE_ADMIN, { p: 'shop', name: 'x', role: 'OWNER' }, minted.secret);
    expect(elsewhere.errors?.[0]).toMatchObject({
      message: 'project shop not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('does not take SDK keys or pipeline tokens as admin tokens', async () => {
    const keys = [
      (
        await api.gql<{ createSdkKey: Created }>(CREATE_SDK_KEY, {
          p: 'default',
          e: 'staging',
          name: 's',
          kind: 'SERVER',
        })
      ).data!.createSdkKey.secret,
      (
        await api.gql<{ createSdkKey: Created }>(CREATE_SDK_KEY, {
          p: 'default',
          e: 'staging',
          name: 'c',
          kind: 'CLIENT',
        })
      ).data!.createSdkKey.secret,
      (await api.gql<{ createPipelineToken: Created }>(CREATE_PIPELINE, { p: 'default', name: 'p' })).data!
        .createPipelineToken.secret,
    ];
    for (const key of keys) {
      const res = await api.gql('{ project(key: "default") { key } }', {}, key);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    }
  });

  it('refuses a revoked token on its very next request', async () => {
    const editor = await createAdmin('EDITOR', 'soon revoked');
    const read = '{ project(key: "default") { key } }';
    expect((await api.gql(read, {}, editor.secret)).errors).toBeUndefined();

    const revoked = await api.gql<{ revokeToken: Token }>(REVOKE, {
      p: 'default',
      id: editor.token.id,
      reason: 'laptop stolen',
    });
    expect(revoked.data?.revokeToken).toMatchObject({ id: editor.token.id, revokedAt: expect.any(String) });

    const next = await api.gql(read, {}, editor.secret);
    expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(next.data).toBeNull();

    expect((await list()).map((t) => t.id)).not.toContain(editor.token.id);
    expect(await list('default', undefined, { all: true })).toContainEqual(revoked.data!.revokeToken);
    const [revision] = await tokenRevisions('default', editor.token.prefix);
    expect(revision).toMatchObject({
      action: 'revoke',
      reason: 'laptop stolen',
      before: { prefix: editor.token.prefix, role: 'editor', revoked: false },
      after: { prefix: editor.token.prefix, role: 'editor', revoked: true },
    });
  });

  it('revokes SDK keys and pipeline tokens, recording the environment of a key', async () => {
    const key = (
      await api.gql<{ createSdkKey: Created }>(CREATE_SDK_KEY, {
        p: 'default',
        e: 'production',
        name: 'leaked',
        kind: 'CLIENT',
      })
    ).data!.createSdkKey;
    const pipeline = (
      await api.gql<{ createPipelineToken: Created }>(CREATE_PIPELINE, { p: 'default', name: 'old CI' })
    ).data!.createPipelineToken;
    const res = await api.gql<{ revokeToken: Token }>(REVOKE, { p: 'default', id: key.token.id });
    expect(res.data?.revokeToken).toMatchObject({ kind: 'CLIENT', environment: 'production' });
    const [revision] = await tokenRevisions('default', key.token.prefix);
    expect(revision).toMatchObject({ action: 'revoke', environment: 'production', reason: null });

    const gone = await api.gql<{ revokeToken: Token }>(REVOKE, { p: 'default', id: pipeline.token.id });
    expect(gone.data?.revokeToken).toMatchObject({ kind: 'PIPELINE', revokedAt: expect.any(String) });
    const active = await list('default', undefined, { kind: 'PIPELINE' });
    expect(active.map((t) => t.id)).not.toContain(pipeline.token.id);
  });

  it('answers a second revocation with the token as it was, recording nothing more', async () => {
    const token = await createAdmin('VIEWER', 'revoked twice');
    const first = await api.gql<{ revokeToken: Token }>(REVOKE, { p: 'default', id: token.token.id });
    const again = await api.gql<{ revokeToken: Token }>(REVOKE, { p: 'default', id: token.token.id });
    expect(again.errors).toBeUndefined();
    expect(again.data?.revokeToken.revokedAt).toBe(first.data?.revokeToken.revokedAt);
    expect((await tokenRevisions('default', token.token.prefix)).map((r) => r.action)).toEqual([
      'revoke',
      'create',
    ]);
  });

  it('records one revocation when many arrive at once', async () => {
    const token = await createAdmin('VIEWER', 'revoked by many');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.gql<{ revokeToken: Token }>(REVOKE, { p: 'default', id: token.token.id }),
      ),
    );
    const times = new Set(answers.map((a) => a.data?.revokeToken.revokedAt));
    expect(times.size).toBe(1);
    expect([...times][0]).toEqual(expect.any(String));
    expect((await tokenRevisions('default', token.token.prefix)).map((r) => r.action)).toEqual([
      'revoke',
      'create',
    ]);
  });

  it('lets a token revoke itself', async () => {
    const owner = (await createAdmin('OWNER', 'self-revoking')).secret;
    const mine = (await list('default', owner)).find((t) => owner.startsWith(t.prefix))!;
    const res = await api.gql(REVOKE, { p: 'default', id: mine.id, reason: 'done' }, owner);
    expect(res.errors).toBeUndefined();
    const next = await api.gql('{ project(key: "default") { key } }', {}, owner);
    expect(next.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers tokens of another project exactly like tokens that do not exist', async () => {
    const shopOwner = (await createAdmin('OWNER', 'shop owner', 'shop')).secret;
    const defaultToken = await createAdmin('VIEWER', 'default reader');

    const foreign = await api.gql(REVOKE, { p: 'shop', id: defaultToken.token.id }, shopOwner);
    const missing = await api.gql(
      REVOKE,
      { p: 'shop', id: '00000000-0000-4000-8000-000000000000' },
      shopOwner,
    );
    const malformed = await api.gql(REVOKE, { p: 'shop', id: 'not-an-id' }, shopOwner);
    for (const res of [foreign, missing, malformed]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.errors?.[0]?.message).toMatch(/^token .+ not found$/);
    }

    const otherProject = await api.gql(REVOKE, { p: 'default', id: defaultToken.token.id }, shopOwner);
    expect(otherProject.errors?.[0]).toMatchObject({
      message: 'project default not found',
      extensions: { code: 'NOT_FOUND' },
    });
    const listing = await api.gql(LIST, { p: 'default' }, shopOwner);
    expect(listing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await list('shop', shopOwner)).map((t) => t.name)).toEqual(['shop owner']);

    expect(
      (await api.gql('{ project(key: "default") { key } }', {}, defaultToken.secret)).errors,
    ).toBeUndefined();
  });

  it('keeps the instance-wide owner token out of reach of project owners', async () => {
    const owner = (await createAdmin('OWNER', 'default owner')).secret;
    const [firstRun] = await api.server.storage.dataSource.query(
      'SELECT id FROM tokens WHERE project_id IS NULL',
    );
    expect((await list('default', owner)).map((t) => t.id)).not.toContain(firstRun.id);
    const res = await api.gql(REVOKE, { p: 'default', id: firstRun.id }, owner);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await api.gql('{ projects { key } }')).errors).toBeUndefined();
  });

  it('refuses a name that is empty or longer than 200 characters, and writes nothing', async () => {
    const before = await counts();
    for (const name of ['', '   ', 'x'.repeat(201)]) {
      const res = await api.gql(CREATE_ADMIN, { p: 'default', name, role: 'VIEWER' });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/name', code: 'INVALID_NAME' }],
      });
    }
    const sdk = await api.gql(CREATE_SDK_KEY, { p: 'default', e: 'staging', name: '', kind: 'SERVER' });
    expect(sdk.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const role = await api.gql(CREATE_ADMIN, { p: 'default', name: 'x', role: 'ADMIN' });
    expect(role.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const kind = await api.gql(CREATE_SDK_KEY, { p: 'default', e: 'staging', name: 'x', kind: 'PIPELINE' });
    expect(kind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await counts()).toEqual(before);

    expect((await createAdmin('VIEWER', 'x'.repeat(200))).token.name).toBe('x'.repeat(200));
    expect((await createAdmin('VIEWER', '  padded  ')).token.name).toBe('padded');
  });

  it('answers an unknown environment for an SDK key as NOT_FOUND', async () => {
    const res = await api.gql(CREATE_SDK_KEY, { p: 'default', e: 'qa', name: 'x', kind: 'SERVER' });
    expect(res.errors?.[0]).toMatchObject({
      message: 'environment qa not found',
      extensions: { code: 'NOT_FOUND' },
    });
  });

  it('asks for a token before anything else', async () => {
    for (const [query, variables] of [
      [LIST, { p: 'default' }],
      [CREATE_ADMIN, { p: 'default', name: 'x', role: 'OWNER' }],
      [REVOKE, { p: 'default', id: '00000000-0000-4000-8000-000000000000' }],
    ] as const) {
      const res = await api.gql(query, variables, null);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});
