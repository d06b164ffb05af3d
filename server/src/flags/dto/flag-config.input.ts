import { Field, InputType, Int } from '@nestjs/graphql';
import { ClauseInput } from '../../targeting/clause.input.js';

@InputType()
export class FlagTargetInput {
  @Field()
  variation!: string;

  @Field(() => [String], { description: 'targetingKeys served this variation.' })
  values!: string[];
}

@InputType()
export class WeightedVariationInput {
  @Field()
  variation!: string;

  @Field(() => Int, { description: 'Units of 0.001 %; the weights of a rollout sum to 100000.' })
  weight!: number;
}

@InputType()
export class FlagRolloutInput {
  @Field(() => String, {
    nullable: true,
    description: 'Attribute hashed for bucketing; targetingKey when null.',
  })
  bucketBy?: string | null;

  @Field(() => [WeightedVariationInput])
  weights!: WeightedVariationInput[];
}

@InputType({ description: 'Give exactly one of `variation` and `rollout`.' })
export class FlagServeInput {
  @Field(() => String, { nullable: true })
  variation?: string | null;

  @Field(() => FlagRolloutInput, { nullable: true })
  rollout?: FlagRolloutInput | null;
}

@InputType()
export class FlagRuleInput {
  @Field(() => String, { nullable: true, description: 'Stable id of the rule; generated when left out.' })
  id?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [ClauseInput])
  clauses!: ClauseInput[];

  @Field(() => FlagServeInput)
  serve!: FlagServeInput;
}

@InputType()
export class FlagPrerequisiteInput {
  @Field({ description: 'Key of another flag of the project.' })
  flag!: string;

  @Field()
  variation!: string;
}

/** The whole configuration of a flag in one environment; it replaces the stored one. */
@InputType()
export class FlagConfigInput {
  @Field()
  enabled!: boolean;

  @Field(() => String, { nullable: true, description: "Null serves the caller's default while disabled." })
  offVariation?: string | null;

  @Field(() => [FlagTargetInput], { nullable: true, defaultValue: [] })
  targets?: FlagTargetInput[] | null;

  @Field(() => [FlagRuleInput], { nullable: true, defaultValue: [] })
  rules?: FlagRuleInput[] | null;

  @Field(() => FlagServeInput)
  fallthrough!: FlagServeInput;

  @Field(() => [FlagPrerequisiteInput], { nullable: true, defaultValue: [] })
  prerequisites?: FlagPrerequisiteInput[] | null;

  @Field(() => String, { nullable: true, description: 'Bucketing salt; the flag key when null.' })
  salt?: string | null;
}
