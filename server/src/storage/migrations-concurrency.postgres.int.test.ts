import { migrations } from '@flagstaff/migrations';
import { describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { migrateUp } from './migrator.js';
import { openStorage } from './storage.js';

describe('migrations on postgres, two instances starting together', () => {
  it('apply each migration once', async () => {
    const db = await createTestDatabase({ backend: 'postgres', migrated: false });
    try {
      const [a, b] = await Promise.all([
        openStorage({ databaseUrl: db.url, dataDir: '' }),
        openStorage({ databaseUrl: db.url, dataDir: '' }),
      ]);
      const [appliedA, appliedB] = await Promise.all([migrateUp(a.dataSource), migrateUp(b.dataSource)]);
      expect(appliedA.length + appliedB.length).toBe(migrations.length);
      const rows = await a.dataSource.query('SELECT name FROM flagstaff_migrations');
      expect(rows).toHaveLength(migrations.length);
      await Promise.all([a.dataSource.destroy(), b.dataSource.destroy()]);
    } finally {
      await db.drop();
    }
  });
});
