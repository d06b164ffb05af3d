import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CHANGE_BUS } from '../app/injection-tokens.js';
import type { Actor } from '../auth/actor.js';
import { hasRole } from '../auth/actor.js';
import type { ChangeBus } from '../bus/change-bus.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import type { Logger } from '../logging/logger.js';
import { LOGGER } from '../app/injection-tokens.js';
import {
  RevisionEntity,
  type RevisionAction,
  type RevisionEntityType,
} from '../revisions/revision.entity.js';
import { EnvironmentChangeEntity } from './environment-change.entity.js';

/** What part of an environment's snapshot a change touches; absent for changes SDKs never see. */
export type SnapshotPart = 'flag' | 'segment' | 'config';

export interface ChangeRecord {
  readonly entityType: RevisionEntityType;
  readonly entityKey: string;
  readonly action: RevisionAction;
  /** What the entity was (null when created) and is (null when deleted), as plain JSON. */
  readonly before: object | null;
  readonly after: object | null;
  /** The environment changed; null for a project-wide entity (it changes every environment). */
  readonly environmentId: string | null;
  readonly snapshotPart?: SnapshotPart;
}

/** Where a write happens: a whole project, or one of its environments. */
export type WriteScope =
  | { readonly projectId: string; readonly environmentId?: undefined; readonly creatingProject?: boolean }
  | { readonly projectId: string; readonly environmentId: string; readonly creatingProject?: undefined };

export interface WriteOptions {
  /** Why; required on protected environments, recorded on every revision. */
  readonly reason?: string | null;
  /** What the write is, for error messages ("change flag checkout in production"). */
  readonly action: string;
}

/** What a write's work function gets: the transaction and a way to record what it changed. */
export interface WriteTransaction {
  readonly manager: EntityManager;
  /** The locked environment of an environment-scoped write. */
  readonly environment: EnvironmentEntity | undefined;
  record(change: ChangeRecord): void;
}

export interface WriteResult<T> {
  readonly value: T;
  /** New version of every environment the write changed. */
  readonly versions: ReadonlyMap<string, number>;
}

export const MAX_REASON_LENGTH = 2000;

/**
 * The one way the admin domain writes. Each write is one transaction that locks what it changes
 * (see `lock`), runs the work, records a revision per change, bumps the version of
 * every environment whose snapshot changed and lists what changed there for SDK patches. Change
 * events go on the bus only after commit.
 */
@Injectable()
export class ChangeWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async write<T>(
    actor: Actor,
    scope: WriteScope,
    options: WriteOptions,
    work: (tx: WriteTransaction) => Promise<T>,
  ): Promise<WriteResult<T>> {
    const reason = normaliseReason(options.reason);
    const outcome = await this.dataSource.transaction(async (manager) => {
      const environment = await this.lock(manager, scope);
      if (environment?.protected) requireProtectedRights(actor, environment, reason, options.action);
      const changes: ChangeRecord[] = [];
      const value = await work({ manager, environment, record: (c) => changes.push(c) });
      const versions = await this.commitChanges(manager, actor, scope.projectId, reason, changes);
      return { value, versions };
    });
    const committedAt = Date.now();
    for (const [environmentId, version] of outcome.versions) {
      this.bus
        .publish({ projectId: scope.projectId, environmentId, version, committedAt })
        .catch((error: unknown) => {
          // Instances re-check versions on an interval, so a lost event delays an update, never drops it.
          this.logger.warn({ err: error, environmentId, version }, 'change event not published');
        });
    }
    return outcome;
  }

  /**
   * Environment writes lock their environment row. Project-wide writes lock the project row (one
   * at a time per project), then every environment row in id order, so they wait for environment
   * writes in flight and those wait for them; nothing takes locks in another order, so no deadlock.
   * NO KEY UPDATE, because inserts referencing these rows (revisions, configurations) take KEY
   * SHARE locks on them, which FOR UPDATE would block.
   */
  private async lock(manager: EntityManager, scope: WriteScope): Promise<EnvironmentEntity | undefined> {
    // A project being created is inserted by the work itself; nothing else can refer to it yet.
    if (scope.creatingProject) return undefined;
    if (scope.environmentId !== undefined) {
      const environment = await manager
        .getRepository(EnvironmentEntity)
        .createQueryBuilder('e')
        .setLock('for_no_key_update')
        .where('e.id = :id AND e.project_id = :projectId', {
          id: scope.environmentId,
          projectId: scope.projectId,
        })
        .getOne();
      if (!environment) throw new NotFoundError('environment');
      return environment;
    }
    const projects: unknown[] = await manager.query(
      'SELECT id FROM projects WHERE id = $1 FOR NO KEY UPDATE',
      [scope.projectId],
    );
    if (projects.length === 0) throw new NotFoundError('project');
    await manager.query('SELECT id FROM environments WHERE project_id = $1 ORDER BY id FOR NO KEY UPDATE', [
      scope.projectId,
    ]);
    return undefined;
  }

  private async commitChanges(
    manager: EntityManager,
    actor: Actor,
    projectId: string,
    reason: string | null,
    changes: readonly ChangeRecord[],
  ): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    if (changes.length === 0) return versions;
    const inserted = await manager.insert(
      RevisionEntity,
      changes.map((c) => ({
        projectId,
        environmentId: c.environmentId,
        entityType: c.entityType,
        entityKey: c.entityKey,
        action: c.action,
        before: c.before,
        after: c.after,
        actor: actor.label,
        reason,
      })),
    );
    const ids = inserted.identifiers.map((i) => Number(i.id));
    const delivered = changes.flatMap((c, i) => (c.snapshotPart ? [{ change: c, revisionId: ids[i]! }] : []));
    if (delivered.length === 0) return versions;

    const projectWide = delivered.some((d) => d.change.environmentId === null);
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [bumped]: [{ id: string; version: string }[], number] = await manager.query(
      projectWide
        ? `UPDATE environments SET version = version + 1, updated_at = now() WHERE project_id = $1 RETURNING id, version`
        : `UPDATE environments SET version = version + 1, updated_at = now() WHERE project_id = $1 AND id = ANY($2) RETURNING id, version`,
      projectWide ? [projectId] : [projectId, [...new Set(delivered.map((d) => d.change.environmentId))]],
    );
    for (const row of bumped) versions.set(row.id, Number(row.version));

    const feed = new Map<string, EnvironmentChangeEntity>();
    for (const { change, revisionId } of delivered) {
      const targets = change.environmentId === null ? [...versions.keys()] : [change.environmentId];
      for (const environmentId of targets) {
        const version = versions.get(environmentId)!;
        const id = `${environmentId}|${change.snapshotPart}|${change.entityKey}`;
        feed.set(id, {
          environmentId,
          version,
          entityType: change.snapshotPart!,
          entityKey: change.entityKey,
          revisionId,
        });
      }
    }
    if (feed.size > 0) await manager.insert(EnvironmentChangeEntity, [...feed.values()]);
    return versions;
  }
}

function normaliseReason(reason: string | null | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (trimmed.length > MAX_REASON_LENGTH) {
    throw InvalidInputError.at('/reason', 'TOO_LONG', `a reason is at most ${MAX_REASON_LENGTH} characters`);
  }
  return trimmed === '' ? null : trimmed;
}

function requireProtectedRights(
  actor: Actor,
  environment: EnvironmentEntity,
  reason: string | null,
  action: string,
): void {
  if (!hasRole(actor, 'owner')) {
    throw new ForbiddenError(`${action}: ${environment.key} is protected; changes there need the owner role`);
  }
  if (reason === null) {
    throw InvalidInputError.at(
      '/reason',
      'REQUIRED',
      `${environment.key} is protected: give a reason for the change`,
    );
  }
}
