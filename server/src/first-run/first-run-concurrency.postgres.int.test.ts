import { describe, expect, it } from '@jest/globals';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { openStorage } from '../storage/storage.js';
import { seedFirstRun } from './first-run.js';

describe('first run on postgres', () => {
  it('seeds exactly once when instances start together', async () => {
    const fresh = await createTestDatabase();
    try {
      const instances = await Promise.all(
        [1, 2, 3].map(() => openStorage({ databaseUrl: fresh.url, dataDir: '' }, { poolSize: 2 })),
      );
      const results = await Promise.all(instances.map((s) => seedFirstRun(s.dataSource)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await instances[0].dataSource.manager.count(ProjectEntity)).toBe(1);
      await Promise.all(instances.map((s) => s.dataSource.destroy()));
    } finally {
      await fresh.drop();
    }
  });
});
