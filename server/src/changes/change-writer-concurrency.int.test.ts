import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

/**
 * Project-wide writes (flag definitions, segments, new environments) and environment writes
 * (flag configurations, configuration entries) at the same time: none deadlocks or is lost, and
 * every environment's version rises by exactly one per change it sees, without gaps.
 */
describe('ChangeWriter under concurrent writes of both scopes', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  const versions = async () => {
    const rows: { key: string; version: string }[] = await api.server.storage.dataSource.query(
      `SELECT e.key, e.version FROM environments e JOIN projects p ON p.id = e.project_id WHERE p.key = 'default'`,
    );
    return Object.fromEntries(rows.map((r) => [r.key, Number(r.version)]));
  };

  it('serialises them without deadlock, loss or gaps in the versions', async () => {
    const flags = Array.from({ length: 8 }, (_, i) => `flag-${i}`);
    for (const key of flags) {
      const res = await api.gql(
        `mutation { createFlag(project: "default", input: { key: "${key}", name: "F", kind: BOOLEAN }) { key } }`,
      );
      expect(res.errors).toBeUndefined();
    }
    const before = await versions();

    const writes = [
      ...flags.map(
        (f) =>
          `mutation { setFlagEnabled(project: "default", environment: "development", flag: "${f}", enabled: true, expectedVersion: 1) { version } }`,
      ),
      ...flags.map(
        (f) =>
          `mutation { updateFlag(project: "default", flag: "${f}", expectedVersion: 1, input: { name: "Renamed" }) { version } }`,
      ),
      ...[0, 1, 2, 3].map(
        (i) =>
          `mutation { createFlag(project: "default", input: { key: "new-${i}", name: "N", kind: BOOLEAN }) { key } }`,
      ),
      ...[0, 1, 2, 3].map(
        (i) =>
          `mutation { createSegment(project: "default", input: { key: "seg-${i}", name: "S", included: ["u${i}"] }) { key } }`,
      ),
      ...[0, 1, 2, 3].map(
        (i) =>
          `mutation { setConfigEntry(project: "default", environment: "development", input: { key: "c${i}", type: NUMBER, value: ${i} }) { key } }`,
      ),
      ...[0, 1].map(
        (i) =>
          `mutation { createEnvironment(project: "default", input: { key: "qa-${i}", name: "QA" }) { key } }`,
      ),
    ];
    const results = await Promise.all(writes.map((query) => api.gql(query)));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);

    const after = await versions();
    // development sees every write but the new environments; staging only the project-wide ones.
    expect(after.development! - before.development!).toBe(8 + 8 + 4 + 4 + 4);
    expect(after.staging! - before.staging!).toBe(8 + 4 + 4);

    const feed: { version: string }[] = await api.server.storage.dataSource.query(
      `SELECT DISTINCT c.version FROM environment_changes c JOIN environments e ON e.id = c.environment_id
       JOIN projects p ON p.id = e.project_id WHERE p.key = 'default' AND e.key = 'development' ORDER BY c.version`,
    );
    expect(feed.map((r) => Number(r.version))).toEqual(
      Array.from({ length: after.development! }, (_, i) => i + 1),
    );
  });
});
