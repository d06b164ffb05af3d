import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

@ObjectType('PrerequisiteFailure')
export class PrerequisiteFailureModel {
  @Field({ description: 'Key of the prerequisite flag.' })
  flag!: string;

  @Field({ description: 'disabled (it is off), variation (it served another one) or error' })
  failure!: string;

  @Field({ description: 'The variation it had to serve.' })
  required!: string;

  @Field(() => String, { nullable: true, description: 'The variation it served, if any.' })
  served!: string | null;
}

@ObjectType('FlagExplanation', {
  description: 'Which part of the flag decided, recorded by sdk-core while it evaluated.',
})
export class FlagExplanationModel {
  @Field({ description: 'disabled, prerequisite, target, rule, fallthrough or error' })
  step!: string;

  @Field(() => Int, { nullable: true, description: 'Position of the deciding rule in the rules.' })
  ruleIndex!: number | null;

  @Field(() => String, { nullable: true })
  ruleId!: string | null;

  @Field(() => String, { nullable: true, description: 'The targetingKey an individual target matched.' })
  targetingKey!: string | null;

  @Field(() => String, { nullable: true, description: 'The attribute a rollout hashed.' })
  bucketBy!: string | null;

  @Field(() => Int, { nullable: true, description: 'The bucket, 0 to 99999, the context fell in.' })
  bucket!: number | null;

  @Field(() => Int, { nullable: true, description: 'The served variation owns buckets from … (inclusive)' })
  bucketFrom!: number | null;

  @Field(() => Int, { nullable: true, description: '… to (exclusive).' })
  bucketTo!: number | null;

  @Field(() => PrerequisiteFailureModel, { nullable: true })
  prerequisite!: PrerequisiteFailureModel | null;
}

@ObjectType('InputProblem', { description: 'A problem of an input, at a JSON Pointer path into it.' })
export class InputProblemModel {
  @Field()
  path!: string;

  @Field()
  code!: string;

  @Field()
  message!: string;
}

@ObjectType('FlagEvaluation', { description: 'What an SDK would answer for this context, and why.' })
export class FlagEvaluationModel {
  @Field(() => JsonScalar, { nullable: true, description: 'Null when the caller’s default would be served.' })
  value!: unknown;

  @Field(() => String, { nullable: true })
  variant!: string | null;

  @Field({ description: 'OpenFeature reason: STATIC, DEFAULT, TARGETING_MATCH, SPLIT, DISABLED or ERROR' })
  reason!: string;

  @Field(() => String, { nullable: true })
  errorCode!: string | null;

  @Field(() => String, { nullable: true })
  errorMessage!: string | null;

  @Field(() => FlagExplanationModel)
  explanation!: FlagExplanationModel;

  @Field(() => [InputProblemModel], {
    description:
      'Problems of the draft, if one was given: a draft with problems evaluates as SDKs would see it (PARSE_ERROR).',
  })
  draftProblems!: InputProblemModel[];
}
