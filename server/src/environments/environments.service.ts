import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { InputChecks, SLUG_KEY } from '../validation/input-checks.js';
import type { CreateEnvironmentInput, UpdateEnvironmentInput } from './dto/environment.inputs.js';
import { EnvironmentEntity } from './environment.entity.js';
import { environmentRecord } from './environment-view.js';

const MAX_SORT_ORDER = 1_000_000;

/** Environments of a project. Flags, segments and configuration read a missing row as "not set up yet". */
@Injectable()
export class EnvironmentsService {
  constructor(
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
  ) {}

  async create(actor: Actor, projectKey: string, input: CreateEnvironmentInput): Promise<EnvironmentEntity> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'owner', 'create an environment');
    new InputChecks()
      .key('/key', input.key, SLUG_KEY)
      .name('/name', input.name)
      .color('/color', input.color)
      .integer('/sortOrder', input.sortOrder, 0, MAX_SORT_ORDER)
      .done();
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id },
      { action: 'create an environment' },
      async (tx) => {
        const existing = await this.lookup.environments(project.id, tx.manager);
        if (existing.some((e) => e.key === input.key))
          throw new AlreadyExistsError(`environment ${input.key}`);
        const environment = tx.manager.create(EnvironmentEntity, {
          id: randomUUID(),
          projectId: project.id,
          key: input.key,
          name: input.name.trim(),
          color: input.color ?? '#808080',
          sortOrder: input.sortOrder ?? existing.length,
          protected: input.protected ?? false,
          version: 0,
          archivedAt: null,
        });
        await tx.manager.insert(EnvironmentEntity, environment);
        tx.record({
          entityType: 'environment',
          entityKey: environment.key,
          action: 'create',
          before: null,
          after: environmentRecord(environment),
          environmentId: environment.id,
        });
        return tx.manager.findOneByOrFail(EnvironmentEntity, { id: environment.id });
      },
    );
    return value;
  }

  async update(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    input: UpdateEnvironmentInput,
    reason?: string | null,
  ): Promise<EnvironmentEntity> {
    new InputChecks()
      .name('/name', input.name)
      .color('/color', input.color)
      .integer('/sortOrder', input.sortOrder, 0, MAX_SORT_ORDER)
      .done();
    const change: Partial<EnvironmentEntity> = {};
    if (input.name != null) change.name = input.name.trim();
    if (input.color != null) change.color = input.color;
    if (input.sortOrder != null) change.sortOrder = input.sortOrder;
    if (input.protected != null) change.protected = input.protected;
    return this.change(actor, projectKey, environmentKey, change, 'update', reason);
  }

  setArchived(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    archived: boolean,
    reason?: string | null,
  ): Promise<EnvironmentEntity> {
    return this.change(
      actor,
      projectKey,
      environmentKey,
      { archivedAt: archived ? new Date() : null },
      archived ? 'archive' : 'unarchive',
      reason,
    );
  }

  private async change(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    change: Partial<EnvironmentEntity>,
    action: 'update' | 'archive' | 'unarchive',
    reason: string | null | undefined,
  ): Promise<EnvironmentEntity> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'owner', `${action} environment ${environmentKey}`);
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id, environmentId: environment.id },
      { action: `${action} environment ${environmentKey}`, reason },
      async (tx) => {
        const before = tx.environment!;
        const after = { ...before, ...change, updatedAt: new Date() };
        await tx.manager.update(
          EnvironmentEntity,
          { id: before.id },
          { ...change, updatedAt: after.updatedAt },
        );
        tx.record({
          entityType: 'environment',
          entityKey: before.key,
          action,
          before: environmentRecord(before),
          after: environmentRecord(after),
          environmentId: before.id,
        });
        return after;
      },
    );
    return value;
  }
}
