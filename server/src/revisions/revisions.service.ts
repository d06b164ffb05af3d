import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { decodeCursor, toPage, type Page } from '../graphql/connection.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { diffJson } from './json-diff.js';
import type { RevisionModel } from './revision.model.js';
import { RevisionEntity, type RevisionEntityType } from './revision.entity.js';

export interface RevisionFilter {
  readonly environment?: string | null;
  /** With `entityKey`: a flag's revisions include its configurations' (flagConfig). */
  readonly entityType?: RevisionEntityType | null;
  readonly entityKey?: string | null;
  readonly actor?: string | null;
}

/** The audit log: every revision of a project, newest first, with structured diffs. */
@Injectable()
export class RevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
  ) {}

  async list(
    actor: Actor,
    projectKey: string,
    filter: RevisionFilter,
    size: number,
    after?: string | null,
  ): Promise<Page<RevisionModel>> {
    const project = await this.lookup.project(actor, projectKey);
    const environments = await this.lookup.environments(project.id);
    const keyOf = new Map(environments.map((e) => [e.id, e.key]));
    const q = this.dataSource
      .getRepository(RevisionEntity)
      .createQueryBuilder('r')
      .where('r.project_id = :projectId', { projectId: project.id })
      .orderBy('r.id', 'DESC')
      .limit(size + 1);
    const before = decodeCursor<number>(after, 'number');
    if (before !== undefined) q.andWhere('r.id < :before', { before });
    if (filter.environment) {
      const environment = environments.find((e) => e.key === filter.environment);
      if (!environment) throw new NotFoundError(`environment ${filter.environment}`);
      q.andWhere('(r.environment_id = :environmentId OR r.environment_id IS NULL)', {
        environmentId: environment.id,
      });
    }
    if (filter.entityType) {
      const types = filter.entityType === 'flag' ? ['flag', 'flagConfig'] : [filter.entityType];
      q.andWhere('r.entity_type IN (:...types)', { types });
    }
    if (filter.entityKey) q.andWhere('r.entity_key = :entityKey', { entityKey: filter.entityKey });
    if (filter.actor) q.andWhere('r.actor = :actor', { actor: filter.actor });
    const page = toPage(await q.getMany(), size, (r) => r.id);
    return { ...page, nodes: page.nodes.map((r) => revisionView(r, keyOf)) };
  }

  /** One revision of a project the actor can see, for restoring. */
  async get(
    actor: Actor,
    projectKey: string,
    id: number,
    db: EntityManager = this.dataSource.manager,
  ): Promise<RevisionEntity> {
    const project = await this.lookup.project(actor, projectKey, db);
    const revision = await db.findOneBy(RevisionEntity, { id, projectId: project.id });
    if (!revision) throw new NotFoundError(`revision ${id}`);
    return revision;
  }
}

export function revisionView(r: RevisionEntity, environmentKeys: ReadonlyMap<string, string>): RevisionModel {
  return {
    id: String(r.id),
    entityType: r.entityType,
    entityKey: r.entityKey,
    environment: r.environmentId === null ? null : (environmentKeys.get(r.environmentId) ?? null),
    action: r.action,
    before: r.before,
    after: r.after,
    diff: diffJson(r.before ?? undefined, r.after ?? undefined),
    actor: r.actor,
    reason: r.reason,
    createdAt: r.createdAt,
  };
}
