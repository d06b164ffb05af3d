import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageArgs, pageSize } from '../graphql/connection.js';
import { RevisionConnection, RevisionModel } from './revision.model.js';
import type { RevisionEntityType } from './revision.entity.js';
import { RevisionsService } from './revisions.service.js';

@Resolver(() => RevisionModel)
export class RevisionsResolver {
  constructor(private readonly service: RevisionsService) {}

  @Query(() => RevisionConnection, { description: 'The audit log of a project, newest first.' })
  revisions(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args() page: PageArgs,
    @Args('environment', { type: () => String, nullable: true }) environment?: string | null,
    @Args('entityType', { type: () => String, nullable: true }) entityType?: string | null,
    @Args('entityKey', { type: () => String, nullable: true }) entityKey?: string | null,
    @Args('actor', { type: () => String, nullable: true }) byActor?: string | null,
  ): Promise<RevisionConnection> {
    return this.service.list(
      actor,
      project,
      { environment, entityType: entityType as RevisionEntityType | null, entityKey, actor: byActor },
      pageSize(page),
      page.after,
    );
  }
}
