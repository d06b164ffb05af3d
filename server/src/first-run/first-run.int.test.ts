import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { hashToken } from '../auth/token-secret.js';
import { TokenEntity } from '../auth/token.entity.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import type { Storage } from '../storage/storage.js';
import { seedFirstRun } from './first-run.js';

let db: TestDatabase;
let storage: Storage;

beforeAll(async () => {
  db = await createTestDatabase();
  storage = await db.open();
});
afterAll(async () => db.drop());

describe(`first run (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('creates the default project, its three environments and an owner token stored as a hash', async () => {
    const result = await seedFirstRun(storage.dataSource);
    expect(result).toBeDefined();
    const manager = storage.dataSource.manager;

    const projects = await manager.find(ProjectEntity);
    expect(projects.map((p) => p.key)).toEqual(['default']);
    const environments = await manager.find(EnvironmentEntity, { order: { sortOrder: 'ASC' } });
    expect(environments.map((e) => [e.key, e.protected, e.version])).toEqual([
      ['development', false, 0],
      ['staging', false, 0],
      ['production', true, 0],
    ]);

    const [token] = await manager.find(TokenEntity);
    expect(token).toMatchObject({ kind: 'admin', role: 'owner', projectId: null });
    expect(token.secretHash).toBe(hashToken(result!.ownerToken));
    expect(JSON.stringify(token)).not.toContain(result!.ownerToken);
  });

  it('does nothing once the database has a project', async () => {
    expect(await seedFirstRun(storage.dataSource)).toBeUndefined();
    expect(await storage.dataSource.manager.count(TokenEntity)).toBe(1);
  });
});
