import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CONFIG, LOGGER } from '../app/injection-tokens.js';
import { TokenEntity } from '../auth/token.entity.js';
import { issueToken } from '../auth/token-secret.js';
import type { Config } from '../config/config.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import type { Logger } from '../logging/logger.js';
import { ProjectEntity } from '../projects/project.entity.js';

export const DEFAULT_ENVIRONMENTS = [
  { key: 'development', name: 'Development', color: '#3b82f6', protected: false },
  { key: 'staging', name: 'Staging', color: '#f59e0b', protected: false },
  { key: 'production', name: 'Production', color: '#ef4444', protected: true },
] as const;

export interface FirstRunResult {
  readonly ownerToken: string;
  readonly projectId: string;
}

/**
 * On the first start against an empty database: a `default` project with three environments
 * and an owner token, printed once. Instances starting together serialise on a table lock, so
 * exactly one of them seeds.
 */
@Injectable()
export class FirstRunService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const seeded = await this.seedIfEmpty();
    if (seeded) this.announce(seeded.ownerToken);
  }

  async seedIfEmpty(): Promise<FirstRunResult | undefined> {
    return this.dataSource.transaction(async (db) => {
      await db.query('LOCK TABLE projects, tokens IN EXCLUSIVE MODE');
      const [projects, tokens] = await Promise.all([db.count(ProjectEntity), db.count(TokenEntity)]);
      if (projects > 0 || tokens > 0) return undefined;
      return seed(db);
    });
  }

  private announce(ownerToken: string): void {
    this.logger.info({ event: 'first-run' }, 'created project "default" and an owner token');
    const url = this.config.publicUrl;
    const lines = [
      '',
      '  Flagstaff is ready for its first sign-in.',
      '',
      `  Console:      ${url}`,
      `  Owner token:  ${ownerToken}`,
      '',
      '  This token is shown once and stored only as a hash: keep it somewhere safe.',
      `  API: curl -H 'Authorization: Bearer <token>' ${url}/graphql`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
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
  return { ownerToken: token.secret, projectId: project.id };
}
