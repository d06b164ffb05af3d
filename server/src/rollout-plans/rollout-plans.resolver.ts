import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../auth/actor.js';
import { CurrentActor } from '../auth/current-actor.decorator.js';
import { REASON_ARG } from '../graphql/reason-arg.js';
import { DeploymentModel } from '../releases/deployment.model.js';
import { CreateRolloutPlanInput } from './dto/create-rollout-plan.input.js';
import type { PersonAction } from './rollout-plan-machine.js';
import { RolloutPlanEventModel } from './rollout-plan-event.model.js';
import { RolloutPlanReader } from './rollout-plan-reader.js';
import { RolloutPlanModel } from './rollout-plan.model.js';
import { RolloutPlansService } from './rollout-plans.service.js';

const ACTS = 'Needs the editor role (owner and a reason in protected environments).';

@Resolver(() => RolloutPlanModel)
export class RolloutPlansResolver {
  constructor(
    private readonly service: RolloutPlansService,
    private readonly reader: RolloutPlanReader,
  ) {}

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Makes a rollout plan: the flag is enabled with a first rule serving the off variation to appVersion below minVersion and a rollout at 0 %; the plan ramps once a deployment of the application at or above minVersion succeeded in the environment. One active plan per flag and environment.`,
  })
  async createRolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('input') input: CreateRolloutPlanInput,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.view(await this.service.create(actor, project, input, reason));
  }

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Stops a waiting, ramping or approval-awaiting plan where it is; the flag keeps serving what it serves.`,
  })
  pauseRolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.act(actor, project, id, 'pause', reason);
  }

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Resumes a paused or rolled-back plan: its current step again, with a full bake (the first step after a rollback), once a deployment at or above minVersion is succeeded; otherwise it waits at 0 %. It takes over the flag again, over any edit since.`,
  })
  resumeRolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.act(actor, project, id, 'resume', reason);
  }

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Approves the step the plan awaits approval for: it enters that step now.`,
  })
  approveRolloutPlanStep(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.act(actor, project, id, 'approve', reason);
  }

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Rolls the flag back to 0 % (the off variation for everyone); resumeRolloutPlan starts again from the first step.`,
  })
  rollBackRolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.act(actor, project, id, 'rollBack', reason);
  }

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Jumps to 100 % and finishes the plan; the appVersion rule stays in the flag.`,
  })
  completeRolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.act(actor, project, id, 'complete', reason);
  }

  @Mutation(() => RolloutPlanModel, {
    description: `${ACTS} Ends the plan without touching the flag: it keeps serving what it serves, and people edit it from here.`,
  })
  cancelRolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason', REASON_ARG) reason?: string | null,
  ): Promise<RolloutPlanModel> {
    return this.act(actor, project, id, 'cancel', reason);
  }

  @Query(() => [RolloutPlanModel], {
    description:
      "A project's rollout plans, newest first, of one environment and/or one flag if given. Any role.",
  })
  rolloutPlans(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('environment', { type: () => String, nullable: true }) environment?: string | null,
    @Args('flag', { type: () => String, nullable: true }) flag?: string | null,
  ): Promise<RolloutPlanModel[]> {
    return this.reader.list(actor, project, environment, flag);
  }

  @Query(() => RolloutPlanModel, { description: 'One rollout plan. Any role.' })
  rolloutPlan(
    @CurrentActor() actor: Actor,
    @Args('project') project: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<RolloutPlanModel> {
    return this.reader.get(actor, project, id);
  }

  @ResolveField(() => [RolloutPlanEventModel], { description: 'Everything the plan did, oldest first.' })
  history(@Parent() plan: RolloutPlanModel): Promise<RolloutPlanEventModel[]> {
    return this.reader.history(plan.id);
  }

  @ResolveField(() => DeploymentModel, {
    nullable: true,
    description: 'The deployment the ramp follows: its failure or rollback stops the plan.',
  })
  deployment(@Parent() plan: RolloutPlanModel): Promise<DeploymentModel | null> {
    return this.reader.deployment(plan);
  }

  private async act(
    actor: Actor,
    project: string,
    id: string,
    action: PersonAction,
    reason: string | null | undefined,
  ): Promise<RolloutPlanModel> {
    return this.view(await this.service.act(actor, project, id, action, reason));
  }

  private async view(plan: Parameters<RolloutPlanReader['views']>[0][number]): Promise<RolloutPlanModel> {
    return (await this.reader.views([plan]))[0]!;
  }
}
