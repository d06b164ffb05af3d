import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { EvaluationCounts } from './evaluation-counts.js';

describe('evaluation counts', () => {
  let api: AdminApi;
  let counts: EvaluationCounts;
  let production: { id: string; projectId: string };
  const db = () => api.server.storage.dataSource;

  beforeAll(async () => {
    api = await startAdminApi();
    counts = new EvaluationCounts(db());
    for (const key of ['old-used', 'old-unused', 'fresh']) {
      const res = await api.gql(
        `mutation { createFlag(project: "default", input: { key: "${key}", name: "F", kind: BOOLEAN }) { key } }`,
      );
      expect(res.errors).toBeUndefined();
    }
    // Two of them last changed 40 days ago.
    await db().query(`UPDATE flags SET updated_at = now() - interval '40 days' WHERE key LIKE 'old-%'`);
    await db().query(
      `UPDATE flag_configs SET updated_at = now() - interval '40 days' WHERE flag_id IN (SELECT id FROM flags WHERE key LIKE 'old-%')`,
    );
    const [row] = await db().query(
      `SELECT id, project_id AS "projectId" FROM environments WHERE key = 'production'`,
    );
    production = row;
  });
  afterAll(() => api?.close());

  it('sums reports per flag, variant and day, and drops flags the project does not have', async () => {
    const now = new Date();
    const kept = await counts.record(
      production,
      [
        { flag: 'old-used', variant: 'on', count: 3 },
        { flag: 'old-used', variant: 'on', count: 2 },
        { flag: 'old-used', variant: '', count: 1 },
        { flag: 'no-such-flag', variant: 'on', count: 100 },
      ],
      now,
    );
    expect(kept).toBe(6);
    expect(await counts.record(production, [{ flag: 'old-used', variant: 'on', count: 4 }], now)).toBe(4);
    const rows = await db().query(
      `SELECT flag_key, variant, count::int AS count FROM flag_evaluations ORDER BY variant`,
    );
    expect(rows).toEqual([
      { flag_key: 'old-used', variant: '', count: 1 },
      { flag_key: 'old-used', variant: 'on', count: 9 },
    ]);
  });

  it('makes a flag stale only when it was neither changed nor evaluated in the window', async () => {
    const res = await api.gql<{ flags: { nodes: { key: string }[] } }>(
      '{ flags(project: "default", staleDays: 30) { nodes { key } } }',
    );
    expect(res.data?.flags.nodes.map((f) => f.key)).toEqual(['old-unused']);
  });
});
