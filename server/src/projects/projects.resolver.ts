import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { EnvironmentModel } from '../environments/environment.model.js';
import { environmentView } from '../environments/environment-view.js';
import type { ProjectEntity } from './project.entity.js';
import { ProjectLookup } from './project-lookup.js';
import { ProjectModel } from './project.model.js';
import { ProjectsService } from './projects.service.js';
import { CreateProjectInput } from './dto/create-project.input.js';
import { REASON_ARG } from '../graphql/reason-arg.js';

function view(p: ProjectEntity): ProjectModel {
  return { id: p.id, key: p.key, name: p.name, archived: p.archivedAt !== null, createdAt: p.createdAt };
}

@Resolver(() => ProjectModel)
export class ProjectsResolver {
  constructor(
    private readonly service: ProjectsService,
    private readonly lookup: ProjectLookup,
  ) {}

  @Query(() => [ProjectModel], { description: 'The projects this token may see.' })
  async projects(
    @CurrentActor() actor: Actor,
    @Args('includeArchived', { defaultValue: false }) includeArchived: boolean,
  ): Promise<ProjectModel[]> {
    return (await this.service.list(actor, includeArchived)).map(view);
  }

  @Query(() => ProjectModel)
  async project(@CurrentActor() actor: Actor, @Args('key') key: string): Promise<ProjectModel> {
    return view(await this.lookup.project(actor, key));
  }

  @ResolveField(() => [EnvironmentModel])
  async environments(@Parent() project: ProjectModel): Promise<EnvironmentModel[]> {
    return (await this.lookup.environments(project.id)).map(environmentView);
  }

  @Mutation(() => ProjectModel, { description: 'Needs an instance-wide owner token.' })
  async createProject(
    @CurrentActor() actor: Actor,
    @Args('input') input: CreateProjectInput,
  ): Promise<ProjectModel> {
    return view(await this.service.create(actor, input));
  }

  @Mutation(() => ProjectModel)
  async renameProject(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('name') name: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<ProjectModel> {
    return view(await this.service.rename(actor, project, name, reason));
  }

  @Mutation(() => ProjectModel)
  async archiveProject(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<ProjectModel> {
    return view(await this.service.setArchived(actor, project, true, reason));
  }

  @Mutation(() => ProjectModel)
  async unarchiveProject(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<ProjectModel> {
    return view(await this.service.setArchived(actor, project, false, reason));
  }
}
