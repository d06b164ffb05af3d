import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Page } from '../graphql/connection.js';
import type { ApplicationEntity } from './application.entity.js';
import { ArtifactConflictError } from './artifact-conflict-error.js';
import { ArtifactEntity } from './artifact.entity.js';
import type { ArtifactModel } from './artifact.model.js';
import { ReleaseLookup } from './release-lookup.js';
import type { ReleaseTransaction } from './release-writer.js';
import { newestFirstPage } from './newest-first-page.js';

export interface ArtifactInput {
  readonly application: string;
  readonly version: string;
  readonly commit?: string;
  readonly imageDigest?: string;
  readonly buildUrl?: string;
}

export interface RecordedArtifact {
  readonly artifact: ArtifactModel;
  /** False when the same artifact was recorded before (an identical repeat). */
  readonly created: boolean;
}

/** Artifacts: recorded once per application and version, never changed. */
@Injectable()
export class ArtifactsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ReleaseLookup,
  ) {}

  /**
   * Records an artifact, making its application on first use. The same version again with the
   * same content answers the stored one; with other content it is an ArtifactConflictError.
   */
  async record(
    tx: ReleaseTransaction,
    projectId: string,
    input: ArtifactInput,
    actor: string,
  ): Promise<RecordedArtifact> {
    const application = await this.lookup.application(tx.manager, projectId, input.application, true);
    const content = {
      commitSha: input.commit ?? null,
      imageDigest: input.imageDigest ?? null,
      buildUrl: input.buildUrl ?? null,
    };
    const id = randomUUID();
    // A concurrent recorder of the same version waits on the unique index, then one of the two wins.
    await tx.manager
      .createQueryBuilder()
      .insert()
      .into(ArtifactEntity)
      .values({ id, applicationId: application.id, version: input.version, ...content, createdBy: actor })
      .orIgnore()
      .execute();
    const stored = await this.lookup.artifact(tx.manager, application, input.version);
    if (stored.id !== id) {
      const differing = (Object.keys(content) as (keyof typeof content)[]).filter(
        (k) => stored[k] !== content[k],
      );
      if (differing.length > 0) {
        throw new ArtifactConflictError(
          `artifact ${application.key} ${input.version}`,
          differing.map((k) => FIELD_NAMES[k]),
        );
      }
    }
    return { artifact: artifactView(stored, application), created: stored.id === id };
  }

  /** An application's artifacts, newest first. */
  async page(
    application: ApplicationEntity,
    size: number,
    after?: string | null,
  ): Promise<Page<ArtifactModel>> {
    const q = this.dataSource
      .getRepository(ArtifactEntity)
      .createQueryBuilder('a')
      .where('a.application_id = :applicationId', { applicationId: application.id });
    const page = await newestFirstPage(q, 'artifacts', 'created_at', size, after);
    return { ...page, nodes: page.nodes.map((a) => artifactView(a, application)) };
  }
}

/** The request fields, as a conflict names them. */
const FIELD_NAMES = { commitSha: 'commit', imageDigest: 'imageDigest', buildUrl: 'buildUrl' } as const;

function artifactView(a: ArtifactEntity, application: ApplicationEntity): ArtifactModel {
  return {
    id: a.id,
    application: application.key,
    version: a.version,
    commit: a.commitSha,
    imageDigest: a.imageDigest,
    buildUrl: a.buildUrl,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
  };
}
