import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import type { EnvironmentEntity } from '../environments/environment.entity.js';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import type { ProjectEntity } from '../projects/project.entity.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { InputChecks, isUniqueViolation, SLUG_KEY } from '../validation/input-checks.js';
import { ApplicationEntity } from './application.entity.js';
import { ReleaseLookup } from './release-lookup.js';

/** What a GraphQL read of release records is about: an environment, and perhaps one application. */
export interface ReleaseReadScope {
  readonly project: ProjectEntity;
  readonly environment: EnvironmentEntity;
  /** Every application of the project, by id. */
  readonly applications: ReadonlyMap<string, ApplicationEntity>;
  readonly only: ApplicationEntity | undefined;
}

/** Applications for people: listed by any role, made ahead of their first artifact by editors. */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projects: ProjectLookup,
    private readonly lookup: ReleaseLookup,
  ) {}

  async list(actor: Actor, projectKey: string): Promise<ApplicationEntity[]> {
    const project = await this.projects.project(actor, projectKey);
    requireRole(actor, 'viewer', 'list applications');
    return this.all(project.id);
  }

  async create(
    actor: Actor,
    projectKey: string,
    input: { key: string; name: string },
  ): Promise<ApplicationEntity> {
    const project = await this.projects.project(actor, projectKey);
    requireRole(actor, 'editor', 'create an application');
    new InputChecks().key('/key', input.key, SLUG_KEY).name('/name', input.name).done();
    const application = { id: randomUUID(), projectId: project.id, key: input.key, name: input.name.trim() };
    try {
      await this.dataSource.getRepository(ApplicationEntity).insert(application);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExistsError(`application ${input.key}`);
      throw error;
    }
    return this.dataSource.getRepository(ApplicationEntity).findOneByOrFail({ id: application.id });
  }

  /** The project and application an artifact list is about, for a reader of any role. */
  async application(actor: Actor, projectKey: string, applicationKey: string) {
    const project = await this.projects.project(actor, projectKey);
    requireRole(actor, 'viewer', 'read artifacts');
    return this.lookup.application(this.dataSource.manager, project.id, applicationKey);
  }

  /** The environment (and application) a deployment or health list is about, for a reader of any role. */
  async readScope(
    actor: Actor,
    projectKey: string,
    environmentKey: string,
    applicationKey?: string | null,
  ): Promise<ReleaseReadScope> {
    const { project, environment } = await this.projects.environment(actor, projectKey, environmentKey);
    requireRole(actor, 'viewer', 'read deployments');
    const applications = new Map((await this.all(project.id)).map((a) => [a.id, a]));
    const only = applicationKey
      ? await this.lookup.application(this.dataSource.manager, project.id, applicationKey)
      : undefined;
    return { project, environment, applications, only };
  }

  private all(projectId: string): Promise<ApplicationEntity[]> {
    return this.dataSource
      .getRepository(ApplicationEntity)
      .find({ where: { projectId }, order: { key: 'ASC' } });
  }
}
