import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ApplicationEntity } from './application.entity.js';
import { ArtifactEntity } from './artifact.entity.js';

/** Keys of release records to rows, within one project; what is not there is NOT_FOUND. */
@Injectable()
export class ReleaseLookup {
  /**
   * The project's application `key`. With `createMissing` an unknown key is created (named after
   * its key), so a pipeline's first artifact needs no set-up call; concurrent creators agree.
   */
  async application(
    db: EntityManager,
    projectId: string,
    key: string,
    createMissing = false,
  ): Promise<ApplicationEntity> {
    if (createMissing) {
      await db
        .createQueryBuilder()
        .insert()
        .into(ApplicationEntity)
        .values({ id: randomUUID(), projectId, key, name: key })
        .orIgnore()
        .execute();
    }
    const application = await db.findOneBy(ApplicationEntity, { projectId, key });
    if (!application) throw new NotFoundError(`application ${key}`);
    return application;
  }

  /** The application and environment a deployment or health signal is about, by key. */
  async target(
    db: EntityManager,
    projectId: string,
    keys: { readonly application: string; readonly environment: string },
  ): Promise<{ application: ApplicationEntity; environment: EnvironmentEntity }> {
    const application = await this.application(db, projectId, keys.application);
    return { application, environment: await this.environment(db, projectId, keys.environment) };
  }

  async environment(db: EntityManager, projectId: string, key: string): Promise<EnvironmentEntity> {
    const environment = await db.findOneBy(EnvironmentEntity, { projectId, key });
    if (!environment) throw new NotFoundError(`environment ${key}`);
    return environment;
  }

  async artifact(
    db: EntityManager,
    application: ApplicationEntity,
    version: string,
  ): Promise<ArtifactEntity> {
    const artifact = await db.findOneBy(ArtifactEntity, { applicationId: application.id, version });
    if (!artifact) throw new NotFoundError(`artifact ${application.key} ${version}`);
    return artifact;
  }
}
