import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import type { ChangeEvent } from '../bus/change-bus.js';

describe('change events', () => {
  let api: AdminApi;
  const events: ChangeEvent[] = [];
  /** What the database said when each event arrived: published after commit, it is already there. */
  const seen: Promise<number>[] = [];
  let ids: Record<string, string>;

  beforeAll(async () => {
    api = await startAdminApi();
    api.server.bus.subscribe((e) => {
      events.push(e);
      seen.push(
        api.server.storage.dataSource
          .query('SELECT version FROM environments WHERE id = $1', [e.environmentId])
          .then((rows: { version: string }[]) => Number(rows[0]!.version)),
      );
    });
    const rows: { key: string; id: string }[] = await api.server.storage.dataSource.query(
      'SELECT key, id FROM environments',
    );
    ids = Object.fromEntries(rows.map((r) => [r.key, r.id]));
  });
  afterAll(() => api?.close());

  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('publishes the new version of every environment a project-wide write changed, after commit', async () => {
    events.length = 0;
    const res = await api.gql(
      'mutation { createFlag(project: "default", input: { key: "f", name: "F", kind: BOOLEAN }) { key } }',
    );
    expect(res.errors).toBeUndefined();
    await settle();
    expect(events.map((e) => [e.environmentId, e.version]).sort()).toEqual(
      [
        [ids.development, 1],
        [ids.staging, 1],
        [ids.production, 1],
      ].sort(),
    );
  });

  it('publishes only the environment an environment write changed', async () => {
    events.length = 0;
    await api.gql(
      'mutation { setFlagEnabled(project: "default", environment: "staging", flag: "f", enabled: true, expectedVersion: 1) { version } }',
    );
    await settle();
    expect(events).toEqual([
      {
        projectId: expect.any(String),
        environmentId: ids.staging,
        version: 2,
        committedAt: expect.any(Number),
      },
    ]);
  });

  it('publishes nothing for a refused write or one SDKs do not see', async () => {
    events.length = 0;
    const stale = await api.gql(
      'mutation { setFlagEnabled(project: "default", environment: "staging", flag: "f", enabled: false, expectedVersion: 1) { version } }',
    );
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await api.gql(
      'mutation { updateEnvironment(project: "default", environment: "development", input: { color: "#000000" }) { key } }',
    );
    await settle();
    expect(events).toEqual([]);
  });
});
