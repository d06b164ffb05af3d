import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { TransitionCause, TransitionKind } from './rollout-plan-machine.js';
import { RolloutPlanStatusEnum, TransitionCauseEnum, TransitionKindEnum } from './rollout-plan-enums.js';
import type { RolloutPlanStatus } from './rollout-plan-status.js';

@ObjectType('RolloutPlanEvent', { description: 'One thing a rollout plan did.' })
export class RolloutPlanEventModel {
  @Field(() => TransitionKindEnum)
  kind!: TransitionKind;

  @Field(() => TransitionCauseEnum)
  cause!: TransitionCause;

  @Field(() => RolloutPlanStatusEnum, { nullable: true })
  fromStatus!: RolloutPlanStatus | null;

  @Field(() => RolloutPlanStatusEnum)
  toStatus!: RolloutPlanStatus;

  @Field(() => Int)
  step!: number;

  @Field(() => Float)
  percent!: number;

  @Field({ description: 'The person, or rollout-plan:<id> when the plan acted on its own.' })
  actor!: string;

  @Field()
  message!: string;

  @Field()
  at!: Date;
}
