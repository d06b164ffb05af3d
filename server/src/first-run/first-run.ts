import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { TokenEntity } from '../auth/token.entity.js';
import { issueToken } from '../auth/token-secret.js';
import { DEFAULT_ENVIRONMENTS } from '../environments/default-environments.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';

export interface FirstRunResult {
  readonly ownerToken: string;
}

/**
 * On the first start against an empty database: a `default` project with three environments
 * and an owner token. Instances starting together serialise on a table lock, so exactly one of
 * them seeds, and only that one has a token to print.
 */
export async function seedFirstRun(dataSource: DataSource): Promise<FirstRunResult | undefined> {
  return dataSource.transaction(async (db) => {
    await db.query('LOCK TABLE projects, tokens IN EXCLUSIVE MODE');
    const [projects, tokens] = await Promise.all([db.count(ProjectEntity), db.count(TokenEntity)]);
    if (projects > 0 || tokens > 0) return undefined;
    return seed(db);
  });
}

async function seed(db: EntityManager): Promise<FirstRunResult> {
  const project = db.create(ProjectEntity, { id: randomUUID(), key: 'default', name: 'Default' });
  await db.insert(ProjectEntity, project);
  await db.insert(
    EnvironmentEntity,
    DEFAULT_ENVIRONMENTS.map((environment, index) => ({
      id: randomUUID(),
      projectId: project.id,
      key: environment.key,
      name: environment.name,
      color: environment.color,
      protected: environment.protected,
      sortOrder: index,
      version: 0,
    })),
  );
  const token = issueToken('admin');
  await db.insert(TokenEntity, {
    id: randomUUID(),
    kind: 'admin',
    name: 'First-run owner',
    prefix: token.prefix,
    secretHash: token.hash,
    role: 'owner',
    projectId: null,
    createdBy: 'first-run',
  });
  return { ownerToken: token.secret };
}
