import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { FailureActionEnum, RolloutPlanStatusEnum } from './rollout-plan-enums.js';
import type { FailureAction, RolloutPlanStatus } from './rollout-plan-status.js';

@ObjectType('RolloutStep')
export class RolloutStepModel {
  @Field(() => Float, { description: 'Share of contexts served the on variation.' })
  percent!: number;

  @Field(() => Int)
  bakeSeconds!: number;

  @Field({ description: 'A person approves entering this step.' })
  requiresApproval!: boolean;
}

@ObjectType('RolloutPlan', {
  description:
    'A flag in an environment ramped through steps once a deployment of an application at or above a version succeeded there (docs/rollout-plans.md).',
})
export class RolloutPlanModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Key of the environment.' })
  environment!: string;

  @Field({ description: 'Key of the flag.' })
  flag!: string;

  @Field({ description: 'Key of the application.' })
  application!: string;

  @Field()
  minVersion!: string;

  @Field()
  onVariation!: string;

  @Field()
  offVariation!: string;

  @Field(() => [RolloutStepModel])
  steps!: RolloutStepModel[];

  @Field(() => FailureActionEnum)
  onFailure!: FailureAction;

  @Field(() => RolloutPlanStatusEnum)
  status!: RolloutPlanStatus;

  @Field(() => String, {
    nullable: true,
    description: 'Why it is waiting, awaiting approval, paused, rolled back or cancelled.',
  })
  statusReason!: string | null;

  @Field(() => Int, { description: 'Steps entered so far: 0 before the first (and after a rollback).' })
  currentStep!: number;

  @Field(() => Float, { description: 'Share of contexts served the on variation now.' })
  percent!: number;

  @Field(() => Float, { description: 'currentStep / number of steps, 0 to 1.' })
  progress!: number;

  @Field(() => Date, {
    nullable: true,
    description: 'When the current step (or the wait for its approval) began.',
  })
  stepStartedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the current step's bake ends and the plan moves on; null when it waits for no time.",
  })
  nextActionAt!: Date | null;

  /** The deployment the ramp follows; resolved with its keys by the resolver. */
  deploymentId!: string | null;

  @Field({ description: 'Who created it.' })
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
