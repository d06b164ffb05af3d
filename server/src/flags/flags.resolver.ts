import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { PageArgs, pageSize } from '../graphql/connection.js';
import { CreateFlagInput, UpdateFlagInput } from './dto/flag.inputs.js';
import { FlagConfigModel } from './flag-config.model.js';
import { FlagConnection, FlagModel } from './flag.model.js';
import { FlagReader } from './flag-reader.js';
import { FlagRestoreService } from './flag-restore.service.js';
import { FlagsService } from './flags.service.js';

import { REASON_ARG } from '../graphql/reason-arg.js';

@Resolver(() => FlagModel)
export class FlagsResolver {
  constructor(
    private readonly reader: FlagReader,
    private readonly service: FlagsService,
    private readonly restorer: FlagRestoreService,
  ) {}

  @Query(() => FlagConnection, { description: "A project's flags in key order." })
  flags(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args() page: PageArgs,
    @Args('search', {
      type: () => String,
      nullable: true,
      description: 'Case-insensitive part of the key or the name.',
    })
    search?: string | null,
    @Args('tags', {
      type: () => [String],
      nullable: true,
      description: 'Flags having every one of these tags.',
    })
    tags?: string[] | null,
    @Args('archived', {
      type: () => Boolean,
      nullable: true,
      defaultValue: false,
      description: 'true: only archived flags; false: only active ones; null: both.',
    })
    archived?: boolean | null,
    @Args('temporary', { type: () => Boolean, nullable: true }) temporary?: boolean | null,
    @Args('staleDays', {
      type: () => Int,
      nullable: true,
      description:
        'Stale flags: neither changed (definition or any environment) nor evaluated by any SDK (as reported to /sdk/v1/events) in this many days.',
    })
    staleDays?: number | null,
  ): Promise<FlagConnection> {
    return this.reader.list(
      actor,
      project,
      { search, tags, archived, temporary, staleDays },
      pageSize(page),
      page.after,
    );
  }

  @Query(() => FlagModel, { description: 'One flag, archived or not.' })
  flag(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('key') key: string,
  ): Promise<FlagModel> {
    return this.reader.get(actor, project, key);
  }

  @ResolveField(() => [FlagConfigModel], {
    description: 'What the flag does in each environment of the project, in environment order.',
  })
  configs(@Parent() flag: FlagModel): Promise<FlagConfigModel[]> {
    return flag.configLoader.of(flag.id);
  }

  @ResolveField(() => FlagConfigModel, { description: 'What the flag does in one environment.' })
  async config(
    @Parent() flag: FlagModel,
    @Args('environment') environment: string,
  ): Promise<FlagConfigModel> {
    const config = (await flag.configLoader.of(flag.id)).find((c) => c.environment === environment);
    if (!config) throw new NotFoundError(`environment ${environment}`);
    return config;
  }

  @Mutation(() => FlagModel, {
    description: 'Needs the editor role. Creates the flag, disabled, in every environment of the project.',
  })
  async createFlag(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreateFlagInput,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagModel> {
    const flag = await this.service.create(actor, project, input, reason);
    return this.reader.views(flag.projectId, [flag])[0]!;
  }

  @Mutation(() => FlagModel, { description: "Needs the editor role. Changes the flag's definition." })
  async updateFlag(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('flag') flagKey: string,
    @Args('input') input: UpdateFlagInput,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagModel> {
    const flag = await this.service.update(actor, project, flagKey, input, expectedVersion, reason);
    return this.reader.views(flag.projectId, [flag])[0]!;
  }

  @Mutation(() => FlagModel, {
    description:
      'Needs the editor role. Takes the flag out of every snapshot; refused while an active flag has it as a prerequisite.',
  })
  archiveFlag(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('flag') flagKey: string,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'Checked when given.' })
    expectedVersion?: number | null,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagModel> {
    return this.setArchived(actor, project, flagKey, true, expectedVersion, reason);
  }

  @Mutation(() => FlagModel, {
    description: 'Needs the editor role; refused while a prerequisite of the flag is archived.',
  })
  unarchiveFlag(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('flag') flagKey: string,
    @Args('expectedVersion', { type: () => Int, nullable: true, description: 'Checked when given.' })
    expectedVersion?: number | null,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagModel> {
    return this.setArchived(actor, project, flagKey, false, expectedVersion, reason);
  }

  @Mutation(() => FlagModel, {
    description:
      "Needs the editor role (owner and a reason in protected environments). Puts back a flag or flag-configuration revision's recorded state as a new revision; expectedVersion is the current version of that definition or configuration. An archived state is not restored: use archiveFlag.",
  })
  async restoreFlagRevision(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('revision', { type: () => ID }) revision: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<FlagModel> {
    const flag = await this.restorer.restore(actor, project, revision, expectedVersion, reason);
    return this.reader.views(flag.projectId, [flag])[0]!;
  }

  private async setArchived(
    actor: Actor,
    project: string,
    flagKey: string,
    archived: boolean,
    expectedVersion: number | null | undefined,
    reason: string | null | undefined,
  ): Promise<FlagModel> {
    const flag = await this.service.setArchived(
      actor,
      project,
      flagKey,
      archived,
      expectedVersion ?? null,
      reason,
    );
    return this.reader.views(flag.projectId, [flag])[0]!;
  }
}
