import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { requireInstanceOwner, requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { DEFAULT_ENVIRONMENTS } from '../environments/default-environments.js';
import { InputChecks, isUniqueViolation, SLUG_KEY } from '../validation/input-checks.js';
import { ProjectEntity } from './project.entity.js';
import { ProjectLookup } from './project-lookup.js';

export interface CreateProject {
  readonly key: string;
  readonly name: string;
}

const record = (p: ProjectEntity) => ({ key: p.key, name: p.name, archived: p.archivedAt !== null });

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly writer: ChangeWriter,
  ) {}

  /** The projects the actor may see, archived ones included when asked. */
  list(actor: Actor, includeArchived: boolean): Promise<ProjectEntity[]> {
    return this.dataSource.getRepository(ProjectEntity).find({
      where: {
        ...(actor.projectId === null ? {} : { id: actor.projectId }),
        ...(includeArchived ? {} : { archivedAt: IsNull() }),
      },
      order: { key: 'ASC' },
    });
  }

  /** A new project with development, staging and production (protected), like the first run's. */
  async create(actor: Actor, input: CreateProject): Promise<ProjectEntity> {
    requireInstanceOwner(actor, 'create a project');
    new InputChecks().key('/key', input.key, SLUG_KEY).name('/name', input.name).done();
    const project = this.dataSource.manager.create(ProjectEntity, {
      id: randomUUID(),
      key: input.key,
      name: input.name.trim(),
      archivedAt: null,
    });
    try {
      await this.writer.write(
        actor,
        { projectId: project.id, creatingProject: true },
        { action: 'create project' },
        async (tx) => {
          await tx.manager.insert(ProjectEntity, project);
          await tx.manager.insert(
            EnvironmentEntity,
            DEFAULT_ENVIRONMENTS.map((e, index) => ({
              ...e,
              id: randomUUID(),
              projectId: project.id,
              sortOrder: index,
              version: 0,
            })),
          );
          tx.record({
            entityType: 'project',
            entityKey: project.key,
            action: 'create',
            before: null,
            after: record(project),
            environmentId: null,
          });
        },
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExistsError(`project ${input.key}`);
      throw error;
    }
    return this.lookup.project(actor, project.key);
  }

  async rename(
    actor: Actor,
    projectKey: string,
    name: string,
    reason?: string | null,
  ): Promise<ProjectEntity> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'owner', 'rename a project');
    new InputChecks().name('/name', name).done();
    return this.update(actor, project, { name: name.trim() }, 'update', reason);
  }

  async setArchived(
    actor: Actor,
    projectKey: string,
    archived: boolean,
    reason?: string | null,
  ): Promise<ProjectEntity> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'owner', archived ? 'archive a project' : 'unarchive a project');
    return this.update(
      actor,
      project,
      { archivedAt: archived ? new Date() : null },
      archived ? 'archive' : 'unarchive',
      reason,
    );
  }

  private async update(
    actor: Actor,
    project: ProjectEntity,
    change: Partial<Pick<ProjectEntity, 'name' | 'archivedAt'>>,
    action: 'update' | 'archive' | 'unarchive',
    reason: string | null | undefined,
  ): Promise<ProjectEntity> {
    const { value } = await this.writer.write(
      actor,
      { projectId: project.id },
      { action: `${action} project ${project.key}`, reason },
      async (tx) => {
        const before = await tx.manager.findOneByOrFail(ProjectEntity, { id: project.id });
        const after = { ...before, ...change, updatedAt: new Date() };
        await tx.manager.update(ProjectEntity, { id: project.id }, { ...change, updatedAt: after.updatedAt });
        tx.record({
          entityType: 'project',
          entityKey: project.key,
          action,
          before: record(before),
          after: record(after),
          environmentId: null,
        });
        return after;
      },
    );
    return value;
  }
}
