import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageArgs, pageSize } from '../graphql/connection.js';
import { ApplicationsService } from './applications.service.js';
import { ArtifactConnection, ArtifactModel } from './artifact.model.js';
import { ArtifactsService } from './artifacts.service.js';
import { ReleaseModel } from './release.model.js';
import { ReleasesService } from './releases.service.js';

@Resolver(() => ArtifactModel)
export class ArtifactsResolver {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly service: ArtifactsService,
    private readonly releases: ReleasesService,
  ) {}

  @Query(() => ArtifactConnection, { description: "An application's artifacts, newest first. Any role." })
  async artifacts(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('application') application: string,
    @Args() page: PageArgs,
  ): Promise<ArtifactConnection> {
    const size = pageSize(page);
    return this.service.page(
      await this.applications.application(actor, project, application),
      size,
      page.after,
    );
  }

  @ResolveField(() => ReleaseModel, { nullable: true, description: 'Its release, if it has been released.' })
  release(@Parent() artifact: ArtifactModel): Promise<ReleaseModel | null> {
    return this.releases.ofArtifact(artifact);
  }
}
