import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { FailureActionEnum } from '../rollout-plan-enums.js';
import type { FailureAction } from '../rollout-plan-status.js';

@InputType()
export class RolloutStepInput {
  @Field(() => Float, {
    description: 'Share of contexts served the on variation: above 0, at most 100, in steps of 0.001.',
  })
  percent!: number;

  @Field(() => Int, {
    defaultValue: 0,
    description:
      'How long the step runs before the next one (or before the plan completes), in seconds; at most 30 days.',
  })
  bakeSeconds!: number;

  @Field({
    defaultValue: false,
    description:
      'A person approves entering this step (approveRolloutPlanStep); until then the plan stays at the previous step.',
  })
  requiresApproval!: boolean;
}

@InputType()
export class CreateRolloutPlanInput {
  @Field({ description: 'Key of the environment.' })
  environment!: string;

  @Field({ description: 'Key of the flag.' })
  flag!: string;

  @Field({ description: 'Key of the application whose deployments the plan follows.' })
  application!: string;

  @Field({
    description:
      'The first version (semver) that carries the feature: the ramp starts once a deployment of it or a later one succeeded in the environment, and processes reporting an older appVersion get the off variation.',
  })
  minVersion!: string;

  @Field(() => [RolloutStepInput], {
    description: '1 to 20 steps with increasing percentages; the last may stay below 100.',
  })
  steps!: RolloutStepInput[];

  @Field(() => FailureActionEnum, { defaultValue: 'pause' })
  onFailure!: FailureAction;

  @Field(() => String, {
    nullable: true,
    description:
      'Variation served to the ramped share; for boolean flags the one whose value is true when left out.',
  })
  onVariation?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Variation served to everyone else; the flag's off variation in the environment when left out.",
  })
  offVariation?: string | null;
}
