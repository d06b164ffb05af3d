import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { DeliveryStats } from './delivery-stats.js';
import { SnapshotBuilder, type BuiltSnapshot } from './snapshot-builder.js';
import { SnapshotCache } from './snapshot-cache.js';

// A snapshot built from the one before and what changed must be exactly the full build, for both
// key kinds, through every kind of change: flag configurations, definitions (client-side on and
// off), archiving, new flags whose keys sort first (and integer-like ones), segments used by either
// kind, configuration entries and secrets, several versions at once.
describe('building a snapshot from the one before', () => {
  let api: AdminApi;
  let builder: SnapshotBuilder;
  let environmentId: string;
  /** Version of each flag (definition), flag configuration, segment and entry, as mutations answer. */
  const versions = new Map<string, number>();

  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const res = await api.gql(query, variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data as Record<string, { version?: number }>;
  }

  /** Runs a mutation whose answer has a version, and keeps that version under `id`. */
  async function change(id: string, query: string, variables: Record<string, unknown> = {}) {
    const data = await gql(query, { v: versions.get(id) ?? 1, ...variables });
    const version = Object.values(data)[0]?.version;
    if (version !== undefined) versions.set(id, version);
  }

  const createFlag = (key: string, clientSide: boolean) =>
    change(
      `flag:${key}`,
      `mutation($key: String!, $clientSide: Boolean!) {
        createFlag(project: "default", input: { key: $key, name: $key, kind: BOOLEAN, clientSide: $clientSide }) { version } }`,
      { key, clientSide },
    );
  const configure = (flag: string, segment: string | null, enabled = true) =>
    change(
      `config:${flag}`,
      `mutation($flag: String!, $v: Int!, $enabled: Boolean!, $rules: [FlagRuleInput!]) {
        updateFlagConfig(project: "default", environment: "development", flag: $flag, expectedVersion: $v, input: {
          enabled: $enabled, offVariation: "off", fallthrough: { variation: "off" }, rules: $rules }) { version } }`,
      {
        flag,
        enabled,
        rules: segment
          ? [{ id: 'r', clauses: [{ op: 'segmentMatch', values: [segment] }], serve: { variation: 'on' } }]
          : [],
      },
    );
  const setClientSide = (flag: string, clientSide: boolean) =>
    change(
      `flag:${flag}`,
      `mutation($flag: String!, $v: Int!, $clientSide: Boolean!) {
        updateFlag(project: "default", flag: $flag, expectedVersion: $v, input: { clientSide: $clientSide }) { version } }`,
      { flag, clientSide },
    );
  const archive = (flag: string, archived: boolean) =>
    change(
      `flag:${flag}`,
      archived
        ? `mutation($flag: String!) { archiveFlag(project: "default", flag: $flag) { version } }`
        : `mutation($flag: String!) { unarchiveFlag(project: "default", flag: $flag) { version } }`,
      { flag },
    );
  const createSegment = (key: string) =>
    change(
      `segment:${key}`,
      `mutation($key: String!) { createSegment(project: "default", input: { key: $key, name: $key, included: ["u0"] }) { version } }`,
      { key },
    );
  const include = (segment: string, keys: string[]) =>
    change(
      `segment:${segment}`,
      `mutation($segment: String!, $v: Int!, $keys: [String!]) {
        updateSegment(project: "default", segment: $segment, expectedVersion: $v, input: { included: $keys }) { version } }`,
      { segment, keys },
    );
  const setEntry = (key: string, value: unknown, clientSide: boolean) =>
    change(
      `entry:${key}`,
      `mutation($v: Int, $input: ConfigEntryInput!) {
        setConfigEntry(project: "default", environment: "development", expectedVersion: $v, input: $input) { version } }`,
      { v: versions.get(`entry:${key}`) ?? null, input: { key, type: 'JSON', value, clientSide } },
    );
  const setSecret = (key: string, value: string) =>
    change(
      `entry:${key}`,
      `mutation($v: Int, $key: String!, $value: String!) {
        setSecret(project: "default", environment: "development", expectedVersion: $v, input: { key: $key, value: $value }) { version } }`,
      { v: versions.get(`entry:${key}`) ?? null, key, value },
    );
  const deleteEntry = (key: string) =>
    gql(
      `mutation($v: Int!, $key: String!) {
        deleteConfigEntry(project: "default", environment: "development", expectedVersion: $v, key: $key) }`,
      { v: versions.get(`entry:${key}`), key },
    );

  /** Each kind's snapshot as the previous step left it: where the next incremental build starts. */
  const bases = new Map<SdkKeyKind, BuiltSnapshot>();
  /** Per kind, whether the last step could be built from the one before (else it was built in full). */
  const incremental = new Map<SdkKeyKind, boolean>();

  /** Builds each kind both ways from the bases, expects the same bytes, and moves the bases on. */
  async function compareBuilds(): Promise<void> {
    for (const kind of ['server', 'client'] as const) {
      const full = await builder.build(environmentId, kind);
      const fromBase = await builder.buildFrom(bases.get(kind)!, environmentId, kind);
      incremental.set(kind, fromBase !== undefined);
      if (fromBase) expect(JSON.stringify(fromBase.snapshot)).toBe(JSON.stringify(full.snapshot));
      bases.set(kind, fromBase ?? full);
    }
  }

  beforeAll(async () => {
    api = await startAdminApi();
    builder = api.server.app.get(SnapshotBuilder);
    const [row] = (await api.server.storage.dataSource.query(
      `SELECT id FROM environments WHERE key = 'development'`,
    )) as { id: string }[];
    environmentId = row!.id;
    for (const key of ['seg-a', 'seg-b', 'seg-c']) await createSegment(key);
    await createFlag('c1', true);
    await createFlag('c2', true);
    await createFlag('s1', false);
    await configure('c1', 'seg-a');
    await configure('s1', 'seg-b');
    await setEntry('theme', 'dark', true);
    await setEntry('limit', 10, false);
    await setSecret('db', 'postgres://one');
    for (const kind of ['server', 'client'] as const)
      bases.set(kind, await builder.build(environmentId, kind));
  });
  afterAll(() => api?.close());

  it('follows flag configurations and segments either kind uses', async () => {
    await configure('c1', 'seg-a', false);
    await compareBuilds();
    await include('seg-a', ['u1', 'u2']);
    await compareBuilds();
    await include('seg-b', ['u3']); // used by a server-side flag only
    await compareBuilds();
    await include('seg-c', ['u4']); // used by nobody
    await compareBuilds();
    expect(Object.fromEntries(incremental)).toEqual({ server: true, client: true });
  });

  it('follows flags becoming visible or invisible to client keys, archived and new ones', async () => {
    await setClientSide('c2', false);
    await compareBuilds();
    await createFlag('a0', true); // sorts before every other key
    await createFlag('10', true); // integer-like keys come first in a JSON object
    await createFlag('9', false);
    await compareBuilds();
    await archive('c1', true); // seg-a is then used by no client-side flag
    await compareBuilds();
    expect(Object.fromEntries(incremental)).toEqual({ server: true, client: true });
  });

  it('falls back to a full build when a client key starts seeing a segment the base did not hold', async () => {
    await setClientSide('s1', true); // s1 uses seg-b, which no client-side flag used
    await compareBuilds();
    expect(Object.fromEntries(incremental)).toEqual({ server: true, client: false });
    await archive('c1', false); // seg-a again
    await compareBuilds();
    expect(Object.fromEntries(incremental)).toEqual({ server: true, client: false });
    await configure('a0', 'seg-b'); // seg-b is in the client base now
    await compareBuilds();
    expect(Object.fromEntries(incremental)).toEqual({ server: true, client: true });
  });

  it('follows configuration entries and secrets, added, changed and removed', async () => {
    await setEntry('theme', 'light', true);
    await setEntry('0-first', [1, 2], false);
    await setSecret('db', 'postgres://two');
    await compareBuilds();
    await deleteEntry('limit');
    await compareBuilds();
    expect(Object.fromEntries(incremental)).toEqual({ server: true, client: true });
    expect(bases.get('server')!.snapshot.config.db).toEqual({
      type: 'string',
      value: 'postgres://two',
      secret: true,
    });
    expect((await builder.build(environmentId, 'server')).hasSecrets).toBe(true);
    expect((await builder.build(environmentId, 'client')).hasSecrets).toBe(false);
  });

  it('does not build from a base when the change feed misses a version since it', async () => {
    const base = bases.get('server')!;
    await include('seg-c', ['u5']);
    await include('seg-c', ['u6']);
    const db = api.server.storage.dataSource;
    await db.query(`DELETE FROM environment_changes WHERE environment_id = $1 AND version = $2`, [
      environmentId,
      base.snapshot.version + 1,
    ]);
    expect(await builder.buildFrom(base, environmentId, 'server')).toBeUndefined();
  });

  it('is what the snapshot cache does when it holds an older version', async () => {
    const cache = api.server.app.get(SnapshotCache);
    const stats = api.server.app.get(DeliveryStats);
    const before = await cache.current(environmentId, 'server');
    const incrementalBuilds = stats.snapshotIncrementalBuildsTotal;
    await configure('a0', null);
    // The bus tells the version watcher on the next tick.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const after = await cache.current(environmentId, 'server');
    expect(after.version).toBeGreaterThan(before.version);
    expect(stats.snapshotIncrementalBuildsTotal).toBe(incrementalBuilds + 1);
    const full = await builder.build(environmentId, 'server');
    expect(after.body.toString('utf8')).toBe(JSON.stringify(full.snapshot));
  });
});
