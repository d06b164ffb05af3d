import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageArgs, pageSize } from '../graphql/connection.js';
import { ApplicationsService } from './applications.service.js';
import { HealthSignalConnection, HealthSignalModel } from './health-signal.model.js';
import { HealthSignalsService } from './health-signals.service.js';

@Resolver(() => HealthSignalModel)
export class HealthSignalsResolver {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly signals: HealthSignalsService,
  ) {}

  @Query(() => HealthSignalConnection, {
    description:
      'Health signals reported in an environment, newest first, of every application or one. Any role.',
  })
  async healthSignals(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args() page: PageArgs,
    @Args('application', { type: () => String, nullable: true }) application?: string | null,
  ): Promise<HealthSignalConnection> {
    const size = pageSize(page);
    const scope = await this.applications.readScope(actor, project, environment, application);
    return this.signals.page(scope, size, page.after);
  }
}
