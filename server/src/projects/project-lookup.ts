import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canSeeProject, type Actor } from '../auth/actor.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ProjectEntity } from './project.entity.js';

export interface EnvironmentScope {
  readonly project: ProjectEntity;
  readonly environment: EnvironmentEntity;
}

/**
 * The read model every domain resolves keys through. A project the actor may not see answers
 * exactly like one that does not exist, so tokens of one project learn nothing about others.
 */
@Injectable()
export class ProjectLookup {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async project(
    actor: Actor,
    projectKey: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<ProjectEntity> {
    const project = await db.findOneBy(ProjectEntity, { key: projectKey });
    if (!project || !canSeeProject(actor, project.id)) throw new NotFoundError(`project ${projectKey}`);
    return project;
  }

  async environment(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<EnvironmentScope> {
    const project = await this.project(actor, projectKey, db);
    const environment = await db.findOneBy(EnvironmentEntity, { projectId: project.id, key: environmentKey });
    if (!environment) throw new NotFoundError(`environment ${environmentKey}`);
    return { project, environment };
  }

  /** The project's environments in display order (archived ones last). */
  environments(projectId: string, db: EntityManager = this.dataSource.manager): Promise<EnvironmentEntity[]> {
    return db.find(EnvironmentEntity, { where: { projectId }, order: { sortOrder: 'ASC', key: 'ASC' } });
  }
}
