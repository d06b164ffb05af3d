import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { requireRole } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { ReleaseStageEnum } from './release-enums.js';
import type { ReleaseStage } from './release-stage.js';
import { ReleaseWriter } from './release-writer.js';
import { ReleaseModel } from './release.model.js';
import { ReleasesService } from './releases.service.js';

@Resolver(() => ReleaseModel)
export class ReleasesResolver {
  constructor(
    private readonly projects: ProjectLookup,
    private readonly writer: ReleaseWriter,
    private readonly releases: ReleasesService,
  ) {}

  @Mutation(() => ReleaseModel, {
    description:
      'Moves a release forward to a later stage (stages may be skipped); recorded with who and the notes. Needs the editor role.',
  })
  async promoteRelease(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('application') application: string,
    @Args('version') version: string,
    @Args('stage', { type: () => ReleaseStageEnum }) stage: ReleaseStage,
    @Args('notes', { type: () => String, nullable: true }) notes?: string | null,
  ): Promise<ReleaseModel> {
    const { id } = await this.projects.project(actor, project);
    requireRole(actor, 'editor', 'promote a release');
    const input = { application, version, stage, notes: notes ?? undefined };
    return this.writer.write((tx) => this.releases.promote(tx, id, input, actor.label));
  }
}
