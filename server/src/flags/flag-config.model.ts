import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ClauseModel } from '../targeting/clause.model.js';

@ObjectType('FlagTarget', { description: 'Serves `variation` to the contexts whose targetingKey is listed.' })
export class FlagTargetModel {
  @Field()
  variation!: string;

  @Field(() => [String])
  values!: string[];
}

@ObjectType('WeightedVariation')
export class WeightedVariationModel {
  @Field()
  variation!: string;

  @Field(() => Int, { description: 'Units of 0.001 %: 100000 is everyone.' })
  weight!: number;
}

@ObjectType('FlagRollout')
export class FlagRolloutModel {
  @Field(() => String, {
    nullable: true,
    description: 'Attribute hashed for bucketing; targetingKey when null.',
  })
  bucketBy!: string | null;

  @Field(() => [WeightedVariationModel])
  weights!: WeightedVariationModel[];
}

@ObjectType('FlagServe', { description: 'Exactly one of `variation` and `rollout` is set.' })
export class FlagServeModel {
  @Field(() => String, { nullable: true })
  variation!: string | null;

  @Field(() => FlagRolloutModel, { nullable: true })
  rollout!: FlagRolloutModel | null;
}

@ObjectType('FlagRule')
export class FlagRuleModel {
  @Field()
  id!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [ClauseModel], { description: 'All must match (AND).' })
  clauses!: ClauseModel[];

  @Field(() => FlagServeModel)
  serve!: FlagServeModel;
}

@ObjectType('FlagPrerequisite', {
  description:
    'The flag `flag` must be enabled and serve `variation`, or this flag serves its off variation.',
})
export class FlagPrerequisiteModel {
  @Field()
  flag!: string;

  @Field()
  variation!: string;
}

@ObjectType('FlagConfig', { description: 'What a flag does in one environment.' })
export class FlagConfigModel {
  @Field({ description: 'Key of the flag.' })
  flag!: string;

  @Field({ description: 'Key of the environment.' })
  environment!: string;

  @Field(() => Int, {
    description:
      'Bumped by every change of this configuration; 0 while the environment still has the default (never edited) configuration.',
  })
  version!: number;

  @Field(() => Date, { nullable: true, description: 'Null while the configuration was never stored.' })
  updatedAt!: Date | null;

  @Field()
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Served while disabled or when a prerequisite fails; null serves the caller's default.",
  })
  offVariation!: string | null;

  @Field(() => [FlagTargetModel])
  targets!: FlagTargetModel[];

  @Field(() => [FlagRuleModel], { description: 'Checked in order; the first match serves.' })
  rules!: FlagRuleModel[];

  @Field(() => FlagServeModel, { description: 'Served when no target or rule matched.' })
  fallthrough!: FlagServeModel;

  @Field(() => [FlagPrerequisiteModel])
  prerequisites!: FlagPrerequisiteModel[];

  @Field(() => String, { nullable: true, description: 'Bucketing salt; the flag key when null.' })
  salt!: string | null;

  @Field(() => Float, {
    description:
      'Percentage (0 to 100) of the contexts reaching the fallthrough that it serves an "on" variation: for boolean flags a variation whose value is true, for other kinds any variation but the off variation. Independent of `enabled`.',
  })
  rolloutShare!: number;
}
