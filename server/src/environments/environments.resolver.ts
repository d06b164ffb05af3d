import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { CreateEnvironmentInput, UpdateEnvironmentInput } from './dto/environment.inputs.js';
import { EnvironmentModel } from './environment.model.js';
import { environmentView } from './environment-view.js';
import { EnvironmentsService } from './environments.service.js';
import { REASON_ARG } from '../graphql/reason-arg.js';

@Resolver(() => EnvironmentModel)
export class EnvironmentsResolver {
  constructor(private readonly environments: EnvironmentsService) {}

  @Mutation(() => EnvironmentModel, { description: 'Needs the owner role.' })
  async createEnvironment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreateEnvironmentInput,
  ): Promise<EnvironmentModel> {
    return environmentView(await this.environments.create(actor, project, input));
  }

  @Mutation(() => EnvironmentModel, {
    description: 'Needs the owner role; a reason when the environment is protected.',
  })
  async updateEnvironment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('input') input: UpdateEnvironmentInput,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<EnvironmentModel> {
    return environmentView(await this.environments.update(actor, project, environment, input, reason));
  }

  @Mutation(() => EnvironmentModel)
  async archiveEnvironment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<EnvironmentModel> {
    return environmentView(await this.environments.setArchived(actor, project, environment, true, reason));
  }

  @Mutation(() => EnvironmentModel)
  async unarchiveEnvironment(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment') environment: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<EnvironmentModel> {
    return environmentView(await this.environments.setArchived(actor, project, environment, false, reason));
  }
}
