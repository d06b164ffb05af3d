import { Injectable } from '@nestjs/common';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { RevisionsService } from '../revisions/revisions.service.js';
import { FlagConfigsService } from './flag-configs.service.js';
import type { FlagEntity } from './flag.entity.js';
import { FlagsService } from './flags.service.js';

/** Restores what a flag or flag-configuration revision recorded, as a new revision. */
@Injectable()
export class FlagRestoreService {
  constructor(
    private readonly lookup: ProjectLookup,
    private readonly revisions: RevisionsService,
    private readonly flags: FlagsService,
    private readonly configs: FlagConfigsService,
  ) {}

  async restore(
    actor: Actor,
    projectKey: string,
    revisionId: string,
    expectedVersion: number,
    reason?: string | null,
  ): Promise<FlagEntity> {
    const project = await this.lookup.project(actor, projectKey);
    requireRole(actor, 'editor', 'restore a flag revision');
    if (!/^[1-9][0-9]{0,15}$/.test(revisionId)) {
      throw InvalidInputError.at('/revision', 'INVALID_ID', 'a revision id is a positive integer');
    }
    const revision = await this.revisions.get(actor, projectKey, Number(revisionId));
    const after = revision.after as Record<string, unknown> | null;
    if (revision.entityType !== 'flag' && revision.entityType !== 'flagConfig') {
      throw InvalidInputError.at(
        '/revision',
        'NOT_A_FLAG_REVISION',
        `revision ${revisionId} is of a ${revision.entityType}`,
      );
    }
    if (after === null || typeof after !== 'object') {
      throw InvalidInputError.at(
        '/revision',
        'NOTHING_TO_RESTORE',
        `revision ${revisionId} records no state`,
      );
    }
    if (revision.entityType === 'flag') {
      return this.flags.restore(actor, project, revision.entityKey, after, expectedVersion, reason);
    }
    if (revision.environmentId === null) {
      throw InvalidInputError.at(
        '/revision',
        'NOTHING_TO_RESTORE',
        `revision ${revisionId} names no environment`,
      );
    }
    const state = await this.configs.restore(
      actor,
      project,
      revision.environmentId,
      revision.entityKey,
      after,
      expectedVersion,
      reason,
    );
    return state.flag;
  }
}
