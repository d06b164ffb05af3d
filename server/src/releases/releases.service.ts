import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AlreadyExistsError } from '../errors/already-exists-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { ArtifactModel } from './artifact.model.js';
import { ReleaseLookup } from './release-lookup.js';
import { ReleasePromotionEntity } from './release-promotion.entity.js';
import { checkPromotion, type ReleaseStage } from './release-stage.js';
import type { ReleaseTransaction } from './release-writer.js';
import { ReleaseEntity } from './release.entity.js';
import type { ReleaseModel } from './release.model.js';

export interface ReleaseInput {
  readonly application: string;
  readonly version: string;
  readonly stage: ReleaseStage;
  readonly notes?: string;
}

export interface CreatedRelease {
  readonly release: ReleaseModel;
  /** False when the artifact already had a release at this stage (an identical repeat). */
  readonly created: boolean;
}

/** Releases: an artifact promoted through alpha → beta → rc → stable, every step recorded. */
@Injectable()
export class ReleasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ReleaseLookup,
  ) {}

  /**
   * Makes the release of an artifact at `stage`. An artifact has one release: asking again for
   * the stage it is at answers it; asking for another stage is a CONFLICT (promote it instead).
   */
  async create(
    tx: ReleaseTransaction,
    projectId: string,
    input: ReleaseInput,
    actor: string,
  ): Promise<CreatedRelease> {
    const { application, artifact } = await this.artifactOf(tx.manager, projectId, input);
    const id = randomUUID();
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(ReleaseEntity)
      .values({ id, artifactId: artifact.id, stage: input.stage })
      .orIgnore()
      .execute();
    const release = await tx.manager.findOneByOrFail(ReleaseEntity, { artifactId: artifact.id });
    if (release.id !== id) {
      if (release.stage !== input.stage) {
        throw new AlreadyExistsError(
          `release ${application.key} ${artifact.version} (at stage ${release.stage}; promote it instead)`,
        );
      }
      return {
        release: await this.view(tx.manager, release, application.key, artifact.version),
        created: false,
      };
    }
    await tx.manager.insert(ReleasePromotionEntity, {
      releaseId: id,
      fromStage: null,
      toStage: input.stage,
      actor,
      notes: input.notes ?? null,
    });
    return {
      release: await this.view(tx.manager, release, application.key, artifact.version),
      created: true,
    };
  }

  /** Moves a release forward to `stage` (skipping stages is fine); backwards or in place is refused. */
  async promote(
    tx: ReleaseTransaction,
    projectId: string,
    input: ReleaseInput,
    actor: string,
  ): Promise<ReleaseModel> {
    const { application, artifact } = await this.artifactOf(tx.manager, projectId, input);
    const what = `release ${application.key} ${artifact.version}`;
    // Locked, so two promotions of one release are judged one after the other.
    const release = await tx.manager
      .createQueryBuilder(ReleaseEntity, 'r')
      .setLock('pessimistic_write')
      .where('r.artifact_id = :artifactId', { artifactId: artifact.id })
      .getOne();
    if (!release) throw new NotFoundError(what);
    checkPromotion(what, release.stage, input.stage);
    await tx.manager.update(ReleaseEntity, { id: release.id }, { stage: input.stage });
    await tx.manager.insert(ReleasePromotionEntity, {
      releaseId: release.id,
      fromStage: release.stage,
      toStage: input.stage,
      actor,
      notes: input.notes ?? null,
    });
    return this.view(tx.manager, { ...release, stage: input.stage }, application.key, artifact.version);
  }

  /** The release of an artifact, or null when it has none. */
  async ofArtifact(
    artifact: Pick<ArtifactModel, 'id' | 'application' | 'version'>,
  ): Promise<ReleaseModel | null> {
    const db = this.dataSource.manager;
    const release = await db.findOneBy(ReleaseEntity, { artifactId: artifact.id });
    return release && this.view(db, release, artifact.application, artifact.version);
  }

  private async artifactOf(db: EntityManager, projectId: string, input: ReleaseInput) {
    const application = await this.lookup.application(db, projectId, input.application);
    return { application, artifact: await this.lookup.artifact(db, application, input.version) };
  }

  private async view(
    db: EntityManager,
    release: ReleaseEntity,
    applicationKey: string,
    version: string,
  ): Promise<ReleaseModel> {
    const promotions = await db.find(ReleasePromotionEntity, {
      where: { releaseId: release.id },
      order: { id: 'ASC' },
    });
    return {
      id: release.id,
      application: applicationKey,
      version,
      stage: release.stage,
      createdAt: release.createdAt,
      promotions: promotions.map((p) => ({
        fromStage: p.fromStage,
        toStage: p.toStage,
        actor: p.actor,
        notes: p.notes,
        createdAt: p.createdAt,
      })),
    };
  }
}
