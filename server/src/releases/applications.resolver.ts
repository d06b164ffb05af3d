import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import type { ApplicationEntity } from './application.entity.js';
import { ApplicationModel } from './application.model.js';
import { ApplicationsService } from './applications.service.js';
import { CreateApplicationInput } from './dto/create-application.input.js';

function view(a: ApplicationEntity): ApplicationModel {
  return { id: a.id, key: a.key, name: a.name, createdAt: a.createdAt };
}

@Resolver(() => ApplicationModel)
export class ApplicationsResolver {
  constructor(private readonly service: ApplicationsService) {}

  @Query(() => [ApplicationModel], { description: "A project's applications by key. Any role." })
  async applications(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
  ): Promise<ApplicationModel[]> {
    return (await this.service.list(actor, project)).map(view);
  }

  @Mutation(() => ApplicationModel, {
    description:
      'An application before its first artifact (pipelines make one implicitly with their first artifact). Needs the editor role.',
  })
  async createApplication(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreateApplicationInput,
  ): Promise<ApplicationModel> {
    return view(await this.service.create(actor, project, input));
  }
}
