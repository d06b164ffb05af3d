import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

interface SegmentData {
  key: string;
  name: string;
  version: number;
  includedCount: number;
  excludedCount: number;
  rules: unknown;
  salt: string | null;
}

const FIELDS =
  'key name version includedCount excludedCount rules { id clauses { attribute op values negate } rollout { weight bucketBy } } salt';

const CREATE = `mutation($input: CreateSegmentInput!) { createSegment(project: "default", input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($segment: String!, $input: UpdateSegmentInput!, $v: Int!) {
  updateSegment(project: "default", segment: $segment, input: $input, expectedVersion: $v) { ${FIELDS} } }`;
const ADD = `mutation($segment: String!, $list: SegmentKeyList!, $keys: [String!]!, $v: Int!) {
  addSegmentKeys(project: "default", segment: $segment, list: $list, keys: $keys, expectedVersion: $v) { ${FIELDS} } }`;
const REMOVE = `mutation($segment: String!, $list: SegmentKeyList!, $keys: [String!]!, $v: Int!) {
  removeSegmentKeys(project: "default", segment: $segment, list: $list, keys: $keys, expectedVersion: $v) { ${FIELDS} } }`;
const DELETE = `mutation($segment: String!, $v: Int!) { deleteSegment(project: "default", segment: $segment, expectedVersion: $v) }`;
const KEYS = `query($key: String!, $list: SegmentKeyList!, $first: Int, $after: String, $search: String) {
  segment(project: "default", key: $key) { keys(list: $list, first: $first, after: $after, search: $search) {
    nodes pageInfo { hasNextPage endCursor } } } }`;

type Keys = {
  segment: { keys: { nodes: string[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
};

describe('segments over GraphQL', () => {
  let api: AdminApi;
  let editor: string;

  beforeAll(async () => {
    api = await startAdminApi();
    editor = await api.adminToken('editor', 'default');
  });
  afterAll(() => api?.close());

  const db = () => api.server.storage.dataSource;

  async function create(input: Record<string, unknown>): Promise<SegmentData> {
    const res = await api.gql<{ createSegment: SegmentData }>(CREATE, { input }, editor);
    expect(res.errors).toBeUndefined();
    return res.data!.createSegment;
  }

  async function keys(key: string, list: 'INCLUDED' | 'EXCLUDED', args: Record<string, unknown> = {}) {
    const res = await api.gql<Keys>(KEYS, { key, list, ...args }, editor);
    expect(res.errors).toBeUndefined();
    return res.data!.segment.keys;
  }

  async function snapshotState() {
    const [revisions]: { n: string }[] = await db().query('SELECT count(*) AS n FROM revisions');
    const versions: { key: string; version: number }[] = await db().query(
      'SELECT key, version::int AS version FROM environments ORDER BY key',
    );
    return { revisions: Number(revisions!.n), versions };
  }

  it('creates a segment with its keys sorted and without duplicates', async () => {
    const segment = await create({
      key: 'beta-users',
      name: 'Beta users',
      included: ['carol', 'alice', 'bob', 'alice'],
      excluded: ['mallory'],
      rules: [{ clauses: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'] }] }],
    });
    expect(segment).toEqual({
      key: 'beta-users',
      name: 'Beta users',
      version: 1,
      includedCount: 3,
      excludedCount: 1,
      rules: [
        {
          id: null,
          clauses: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'], negate: false }],
          rollout: null,
        },
      ],
      salt: null,
    });
    expect((await keys('beta-users', 'INCLUDED')).nodes).toEqual(['alice', 'bob', 'carol']);
    const [row]: { included: string[] }[] = await db().query(
      "SELECT included FROM segments WHERE key = 'beta-users'",
    );
    expect(row!.included).toEqual(['alice', 'bob', 'carol']);
  });

  it('bumps the version of every environment of the project and records a revision', async () => {
    const before = await snapshotState();
    await create({ key: 'staff', name: 'Staff', included: ['s1'] });
    const after = await snapshotState();
    expect(after.revisions).toBe(before.revisions + 1);
    for (const [i, env] of after.versions.entries())
      expect(env.version).toBe(before.versions[i]!.version + 1);
    const log = await api.gql<{
      revisions: { nodes: { entityType: string; environment: null; after: unknown }[] };
    }>(
      '{ revisions(project: "default", entityType: "segment", entityKey: "staff") { nodes { entityType environment after } } }',
    );
    expect(log.data?.revisions.nodes).toEqual([
      {
        entityType: 'segment',
        environment: null,
        after: {
          key: 'staff',
          name: 'Staff',
          description: '',
          rules: [],
          salt: null,
          includedCount: 1,
          excludedCount: 0,
          keyChanges: { included: { added: ['s1'], addedCount: 1, removed: [], removedCount: 0 } },
        },
      },
    ]);
  });

  it('lists every problem of a segment input with its path, sdk-core rule problems included', async () => {
    const res = await api.gql(
      CREATE,
      {
        input: {
          key: 'bad key',
          name: '',
          included: ['a', 'x'.repeat(257), ''],
          excluded: ['a'],
          rules: [{ clauses: [{ attribute: 'plan', op: 'nope', values: ['x'] }] }],
          salt: '',
        },
      },
      editor,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = res.errors?.[0]?.extensions?.problems as { path: string; code: string }[];
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual(
      [
        '/key INVALID_KEY',
        '/name INVALID_NAME',
        '/salt INVALID_SALT',
        '/rules/0/clauses/0/op UNKNOWN_OPERATOR',
        '/included/1 INVALID_SEGMENT_KEY',
        '/included/2 INVALID_SEGMENT_KEY',
        '/excluded/0 KEY_IN_BOTH_LISTS',
      ].sort(),
    );
  });

  it('refuses keys that Postgres cannot store instead of failing in the database', async () => {
    const res = await api.gql(
      CREATE,
      { input: { key: 'nul', name: 'Nul', included: ['a\u0000b', '\ud800'] } },
      editor,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/input/included/0', code: 'INVALID_TEXT' }],
    });
  });

  it('answers a second segment with the same key as a CONFLICT', async () => {
    const res = await api.gql(CREATE, { input: { key: 'staff', name: 'Again' } }, editor);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('updates fields, replaces a list that is given and keeps the one that is not', async () => {
    const res = await api.gql<{ updateSegment: SegmentData }>(
      UPDATE,
      { segment: 'beta-users', v: 1, input: { name: 'Beta', included: ['zed', 'amy'], salt: 'beta-salt' } },
      editor,
    );
    expect(res.data?.updateSegment).toMatchObject({
      name: 'Beta',
      version: 2,
      includedCount: 2,
      excludedCount: 1,
      salt: 'beta-salt',
    });
    expect((await keys('beta-users', 'INCLUDED')).nodes).toEqual(['amy', 'zed']);
    expect((await keys('beta-users', 'EXCLUDED')).nodes).toEqual(['mallory']);
  });

  it('refuses a list that would share a key with the stored other list', async () => {
    const res = await api.gql(
      UPDATE,
      { segment: 'beta-users', v: 2, input: { included: ['mallory'] } },
      editor,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/included/0', code: 'KEY_IN_BOTH_LISTS' }],
    });
    const added = await api.gql(
      ADD,
      { segment: 'beta-users', list: 'INCLUDED', keys: ['x', 'mallory'], v: 2 },
      editor,
    );
    expect(added.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/keys/1', code: 'KEY_IN_BOTH_LISTS' }],
    });
  });

  it('answers a stale expectedVersion with CONFLICT and the current version, writing nothing', async () => {
    const before = await snapshotState();
    const res = await api.gql(ADD, { segment: 'beta-users', list: 'INCLUDED', keys: ['late'], v: 1 }, editor);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      expectedVersion: 1,
      currentVersion: 2,
    });
    const stale = await api.gql(UPDATE, { segment: 'beta-users', v: 1, input: { name: 'Late' } }, editor);
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await snapshotState()).toEqual(before);
    expect((await keys('beta-users', 'INCLUDED')).nodes).toEqual(['amy', 'zed']);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const before = await snapshotState();
    const res = await api.gql<{ addSegmentKeys: SegmentData }>(
      ADD,
      { segment: 'beta-users', list: 'INCLUDED', keys: ['amy'], v: 2 },
      editor,
    );
    expect(res.data?.addSegmentKeys.version).toBe(2);
    expect(await snapshotState()).toEqual(before);
  });

  it('pages keys beyond ASCII in the order they are stored, one at a time', async () => {
    await create({ key: 'unicode', name: 'Unicode', included: ['\uFFFD', '😀', 'z', 'é', 'A', 'Zoë'] });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = await keys('unicode', 'INCLUDED', { first: 1, after });
      seen.push(...page.nodes);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(['A', 'Zoë', 'z', 'é', '\uFFFD', '😀']);
    const res = await api.gql(DELETE, { segment: 'unicode', v: 1 }, editor);
    expect(res.data).toEqual({ deleteSegment: true });
  });

  describe('with 100,000 keys', () => {
    const keyOf = (i: number) => `user-${String(i).padStart(6, '0')}`;
    const all = Array.from({ length: 100_000 }, (_, i) => keyOf(i));

    beforeAll(async () => {
      await create({ key: 'big', name: 'Big' });
    });

    it('adds 100,000 keys in one call and counts them', async () => {
      // Shuffled, with duplicates: stored sorted and unique all the same.
      const shuffled = [...all].reverse().concat(all.slice(0, 10));
      const res = await api.gql<{ addSegmentKeys: SegmentData }>(
        ADD,
        { segment: 'big', list: 'INCLUDED', keys: shuffled, v: 1 },
        editor,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.addSegmentKeys).toMatchObject({
        version: 2,
        includedCount: 100_000,
        excludedCount: 0,
      });
      const [row]: { included: string[] }[] = await db().query(
        "SELECT included FROM segments WHERE key = 'big'",
      );
      expect(row!.included).toEqual(all);
    });

    it('pages through a list and searches it without returning the whole list', async () => {
      const first = await keys('big', 'INCLUDED', { first: 1000 });
      expect(first.nodes).toEqual(all.slice(0, 1000));
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await keys('big', 'INCLUDED', { first: 1000, after: first.pageInfo.endCursor });
      expect(second.nodes).toEqual(all.slice(1000, 2000));
      const found = await keys('big', 'INCLUDED', { search: 'USER-09999' });
      expect(found.nodes).toEqual(all.filter((k) => k.includes('user-09999')));
      expect(found.pageInfo.hasNextPage).toBe(false);
      const tooMany = await api.gql(KEYS, { key: 'big', list: 'INCLUDED', first: 1001 }, editor);
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/first' }],
      });
    });

    it('refuses a key past 100,000 in a list', async () => {
      const res = await api.gql(ADD, { segment: 'big', list: 'INCLUDED', keys: ['one-more'], v: 2 }, editor);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/keys', code: 'TOO_MANY_KEYS' }],
      });
    });

    it('records counts and at most 1,000 of the keys an edit changed, not the lists', async () => {
      const [revision]: {
        after: { includedCount: number; keyChanges: { included: Record<string, unknown> } };
      }[] = await db().query(
        "SELECT after FROM revisions WHERE entity_type = 'segment' AND entity_key = 'big' ORDER BY id DESC LIMIT 1",
      );
      expect(revision!.after.includedCount).toBe(100_000);
      expect(revision!.after.keyChanges.included).toEqual({
        added: all.slice(0, 1000),
        addedCount: 100_000,
        removed: [],
        removedCount: 0,
      });
    });

    it('removes keys in one call, ignoring keys it does not hold', async () => {
      const evens = all.filter((_, i) => i % 2 === 0).concat(['not-there']);
      const res = await api.gql<{ removeSegmentKeys: SegmentData }>(
        REMOVE,
        { segment: 'big', list: 'INCLUDED', keys: evens, v: 2 },
        editor,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.removeSegmentKeys).toMatchObject({ version: 3, includedCount: 50_000 });
      const found = await keys('big', 'INCLUDED', { search: 'user-00001' });
      expect(found.nodes).toEqual([
        'user-000011',
        'user-000013',
        'user-000015',
        'user-000017',
        'user-000019',
      ]);
    });

    it('lists segments with their counts only', async () => {
      const res = await api.gql<{ segments: { nodes: { key: string; includedCount: number }[] } }>(
        '{ segments(project: "default", search: "BI") { nodes { key includedCount } } }',
        {},
        editor,
      );
      expect(res.data?.segments.nodes).toEqual([{ key: 'big', includedCount: 50_000 }]);
    });
  });

  it('pages through segments by key', async () => {
    const first = await api.gql<{ segments: { nodes: { key: string }[]; pageInfo: { endCursor: string } } }>(
      '{ segments(project: "default", first: 2) { nodes { key } pageInfo { endCursor } } }',
    );
    expect(first.data?.segments.nodes.map((n) => n.key)).toEqual(['beta-users', 'big']);
    const next = await api.gql<{ segments: { nodes: { key: string }[] } }>(
      'query($after: String) { segments(project: "default", first: 2, after: $after) { nodes { key } } }',
      { after: first.data?.segments.pageInfo.endCursor },
    );
    expect(next.data?.segments.nodes.map((n) => n.key)).toEqual(['staff']);
  });

  describe('deleting', () => {
    async function useInFlag(segmentKey: string): Promise<string> {
      const [project]: { id: string }[] = await db().query("SELECT id FROM projects WHERE key = 'default'");
      const environments: { id: string }[] = await db().query(
        "SELECT id FROM environments WHERE project_id = $1 AND key IN ('staging', 'production')",
        [project!.id],
      );
      const flagId = randomUUID();
      await db().query(
        `INSERT INTO flags (id, project_id, key, name, kind, variations)
         VALUES ($1, $2, 'checkout', 'Checkout', 'boolean', '[{"key":"on","value":true},{"key":"off","value":false}]')`,
        [flagId, project!.id],
      );
      const rules = [
        { id: 'r1', clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }], serve: { variation: 'on' } },
        {
          id: 'r2',
          clauses: [{ attribute: '', op: 'segmentMatch', values: ['other', segmentKey], negate: true }],
          serve: { variation: 'off' },
        },
      ];
      for (const environment of environments) {
        await db().query(
          `INSERT INTO flag_configs (flag_id, environment_id, rules, fallthrough) VALUES ($1, $2, $3::jsonb, '{"variation":"off"}')`,
          [flagId, environment.id, JSON.stringify(rules)],
        );
      }
      return flagId;
    }

    it('refuses to delete a segment a flag rule uses, naming the flag and its environments', async () => {
      const flagId = await useInFlag('staff');
      const before = await snapshotState();
      const res = await api.gql(DELETE, { segment: 'staff', v: 1 }, editor);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/segment', code: 'SEGMENT_IN_USE' }],
      });
      expect(res.errors?.[0]?.message).toContain('flag checkout (staging, production)');
      expect(await snapshotState()).toEqual(before);
      await db().query('DELETE FROM flags WHERE id = $1', [flagId]);
    });

    it('deletes an unused segment at the expected version and records it', async () => {
      const stale = await api.gql(DELETE, { segment: 'staff', v: 7 }, editor);
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
      const res = await api.gql(DELETE, { segment: 'staff', v: 1 }, editor);
      expect(res.data).toEqual({ deleteSegment: true });
      const gone = await api.gql('{ segment(project: "default", key: "staff") { key } }', {}, editor);
      expect(gone.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const [revision]: { action: string; before: { includedCount: number }; after: null }[] =
        await db().query(
          "SELECT action, before, after FROM revisions WHERE entity_key = 'staff' ORDER BY id DESC LIMIT 1",
        );
      expect(revision).toMatchObject({ action: 'delete', before: { includedCount: 1 }, after: null });
    });
  });

  describe('access', () => {
    it('lets a viewer read segments but not change them', async () => {
      const viewer = await api.adminToken('viewer', 'default');
      const read = await api.gql<{ segment: { key: string } }>(
        '{ segment(project: "default", key: "beta-users") { key includedCount } }',
        {},
        viewer,
      );
      expect(read.data?.segment.key).toBe('beta-users');
      const write = await api.gql(CREATE, { input: { key: 'viewers', name: 'V' } }, viewer);
      expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it("answers a token of another project as if the segment's project did not exist", async () => {
      await api.gql('mutation { createProject(input: { key: "other", name: "Other" }) { key } }');
      const outsider = await api.adminToken('owner', 'other');
      const read = await api.gql('{ segment(project: "default", key: "beta-users") { key } }', {}, outsider);
      expect(read.errors?.[0]).toMatchObject({
        message: 'project default not found',
        extensions: { code: 'NOT_FOUND' },
      });
      const write = await api.gql(DELETE, { segment: 'beta-users', v: 2 }, outsider);
      expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });
});
