import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { ChangeWriter } from '../changes/change-writer.js';
import type { EnvironmentEntity } from '../environments/environment.entity.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { diffJson, type JsonChange } from '../revisions/json-diff.js';
import type { RevisionAction } from '../revisions/revision.entity.js';
import type { FlagConfigInput } from './dto/flag-config.input.js';
import {
  defaultFlagConfig,
  flagConfigFromInput,
  flagConfigFromRevision,
  flagConfigRecord,
  type FlagConfigRecord,
} from './flag-config-record.js';
import type { FlagConfigEntity } from './flag-config.entity.js';
import { writeFlagConfig } from './flag-config-write.js';
import type { FlagEntity } from './flag.entity.js';
import { FlagRepository } from './flag.repository.js';
import { FlagValidator } from './flag-validator.js';

/** A flag's configuration in one environment, as a mutation answers it. */
export interface FlagConfigState {
  readonly flag: FlagEntity;
  readonly environment: EnvironmentEntity;
  /** Null while the environment has the default configuration. */
  readonly row: FlagConfigEntity | null;
}

export interface CopyPreview {
  readonly diff: JsonChange[];
  readonly targetVersion: number;
  readonly sourceVersion: number;
}

/** What a flag does per environment: edits, the on/off toggle, copies between environments, restores. */
@Injectable()
export class FlagConfigsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
    private readonly repository: FlagRepository,
    private readonly validator: FlagValidator,
  ) {}

  async update(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    flagKey: string,
    input: FlagConfigInput,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagConfigState> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'editor', `change flag ${flagKey} in ${environmentKey}`);
    const next = flagConfigFromInput(input);
    return this.write(actor, project, environment, flagKey, expectedVersion, reason, 'update', () => next);
  }

  async setEnabled(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    flagKey: string,
    enabled: boolean,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagConfigState> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'editor', `turn flag ${flagKey} ${enabled ? 'on' : 'off'} in ${environmentKey}`);
    return this.write(actor, project, environment, flagKey, expectedVersion, reason, 'update', (current) => ({
      ...current,
      enabled,
    }));
  }

  /** Makes the target environment's configuration the source's (promote staging → production). */
  async copy(
    actor: Actor,
    projectKey: string,
    flagKey: string,
    fromKey: string,
    toKey: string,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagConfigState> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', `copy flag ${flagKey} from ${fromKey} to ${toKey}`);
    const { from, to } = await this.copyEnds(project, fromKey, toKey);
    return this.write(
      actor,
      project,
      to,
      flagKey,
      expectedVersion,
      reason,
      'copy',
      async (_current, flag, db) => (await this.stored(db, flag, from)).config,
    );
  }

  async copyPreview(
    actor: Actor,
    projectKey: string,
    flagKey: string,
    fromKey: string,
    toKey: string,
  ): Promise<CopyPreview> {
    const project = await this.lookup.project(actor, projectKey);
    const { from, to } = await this.copyEnds(project, fromKey, toKey);
    const db = this.dataSource.manager;
    const flag = await this.repository.findByKey(db, project.id, flagKey);
    if (!flag) throw new NotFoundError(`flag ${flagKey}`);
    const source = await this.stored(db, flag, from);
    const target = await this.stored(db, flag, to);
    return {
      diff: diffJson(target.config, source.config),
      targetVersion: target.version,
      sourceVersion: source.version,
    };
  }

  /** Puts back the configuration a revision recorded, as a new revision, validated like an edit. */
  async restore(
    actor: Actor,
    project: ProjectEntity,
    environmentId: string,
    flagKey: string,
    recorded: Record<string, unknown>,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagConfigState> {
    const environment = (await this.lookup.environments(project.id)).find((e) => e.id === environmentId);
    if (!environment) throw new NotFoundError('environment of the revision');
    const next = flagConfigFromRevision(recorded);
    return this.write(actor, project, environment, flagKey, expectedVersion, reason, 'restore', () => next);
  }

  private async copyEnds(
    project: ProjectEntity,
    fromKey: string,
    toKey: string,
  ): Promise<{ from: EnvironmentEntity; to: EnvironmentEntity }> {
    const environments = await this.lookup.environments(project.id);
    const from = environments.find((e) => e.key === fromKey);
    if (!from) throw new NotFoundError(`environment ${fromKey}`);
    const to = environments.find((e) => e.key === toKey);
    if (!to) throw new NotFoundError(`environment ${toKey}`);
    if (from.id === to.id)
      throw InvalidInputError.at('/to', 'SAME_ENVIRONMENT', 'copy to another environment');
    return { from, to };
  }

  private async stored(
    db: EntityManager,
    flag: FlagEntity,
    environment: EnvironmentEntity,
  ): Promise<{ config: FlagConfigRecord; version: number }> {
    const row = await this.repository.config(db, flag.id, environment.id);
    return { config: row ? flagConfigRecord(row) : defaultFlagConfig(flag), version: row?.version ?? 0 };
  }

  /**
   * One change of one environment's configuration, under that environment's lock: the new
   * configuration is judged by sdk-core against the environment's flags and the project's
   * segments, then the version the edit was based on is checked. A change that changes nothing
   * writes nothing.
   */
  private async write(
    actor: Actor,
    project: ProjectEntity,
    environment: EnvironmentEntity,
    flagKey: string,
    expectedVersion: number,
    reason: string | null | undefined,
    action: Extract<RevisionAction, 'update' | 'copy' | 'restore'>,
    next: (
      current: FlagConfigRecord,
      flag: FlagEntity,
      db: EntityManager,
    ) => FlagConfigRecord | Promise<FlagConfigRecord>,
  ): Promise<FlagConfigState> {
    const what = `flag ${flagKey} in ${environment.key}`;
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id, environmentId: environment.id },
      { action: `${action} ${what}`, reason },
      async (tx) => {
        const flag = await this.repository.findByKey(tx.manager, project.id, flagKey);
        if (!flag) throw new NotFoundError(`flag ${flagKey}`);
        const row = await writeFlagConfig(tx, this.repository, this.validator, flag, {
          action,
          next: (current) => next(current, flag, tx.manager),
          expected: { what, version: expectedVersion },
        });
        return { flag, environment: tx.environment!, row };
      },
    );
    return value;
  }
}
