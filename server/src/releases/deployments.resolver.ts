import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { PageArgs, pageSize } from '../graphql/connection.js';
import { ApplicationsService } from './applications.service.js';
import { DeploymentEventModel } from './deployment-event.model.js';
import { DeploymentReader } from './deployment-reader.js';
import { DeploymentConnection, DeploymentModel } from './deployment.model.js';

@Resolver(() => DeploymentModel)
export class DeploymentsResolver {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly reader: DeploymentReader,
  ) {}

  @Query(() => DeploymentConnection, {
    description: "An environment's deployments, newest first, of every application or one. Any role.",
  })
  async deployments(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args() page: PageArgs,
    @Args('application', { type: () => String, nullable: true }) application?: string | null,
  ): Promise<DeploymentConnection> {
    const size = pageSize(page);
    const scope = await this.applications.readScope(actor, project, environment, application);
    return this.reader.page(scope, size, page.after);
  }

  @Query(() => [DeploymentModel], {
    description:
      'What runs in an environment now: per application, its latest deployment that succeeded and was not rolled back. Any role.',
  })
  async currentDeployments(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
  ): Promise<DeploymentModel[]> {
    const scope = await this.applications.readScope(actor, project, environment);
    return this.reader.current(scope);
  }

  @ResolveField(() => [DeploymentEventModel], { description: 'Every status it reached, oldest first.' })
  events(@Parent() deployment: DeploymentModel): Promise<DeploymentEventModel[]> {
    return this.reader.events(deployment.id);
  }
}
