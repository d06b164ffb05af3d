import { migrations } from '@flagstaff/migrations';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  availableBackends,
  createTestDatabase,
  type TestDatabase,
} from '../../../test/support/test-database.js';
import { migrateDown, migrateUp } from './migrator.js';

const TABLES = [
  'applications',
  'artifacts',
  'config_entries',
  'deployment_events',
  'deployments',
  'environment_changes',
  'environments',
  'flag_configs',
  'flag_evaluations',
  'flags',
  'health_signals',
  'hook_signatures',
  'idempotency_keys',
  'pipeline_signing_secrets',
  'projects',
  'release_promotions',
  'releases',
  'revisions',
  'rollout_plan_events',
  'rollout_plans',
  'segments',
  'tokens',
];

async function tables(db: TestDatabase): Promise<string[]> {
  const storage = await db.open();
  const rows: Array<{ table_name: string }> = await storage.dataSource.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_name <> 'flagstaff_migrations' ORDER BY table_name`,
  );
  return rows.map((r) => r.table_name);
}

describe.each(availableBackends())('migrations on %s', (backend) => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  it('go up to the full schema and back down to nothing, then up again', async () => {
    const db = await createTestDatabase({ backend, migrated: false });
    databases.push(db);
    const { dataSource } = await db.open();

    const applied = await migrateUp(dataSource);
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => m.name));
    expect(await tables(db)).toEqual(TABLES);

    for (let i = 0; i < migrations.length; i++) await migrateDown(dataSource);
    expect(await tables(db)).toEqual([]);

    expect(await migrateUp(dataSource)).toHaveLength(migrations.length);
    expect(await tables(db)).toEqual(TABLES);
  });

  it('does nothing when the schema is current', async () => {
    const db = await createTestDatabase({ backend });
    databases.push(db);
    const { dataSource } = await db.open();
    expect(await migrateUp(dataSource)).toEqual([]);
  });
});
