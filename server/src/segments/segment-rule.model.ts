import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ClauseModel } from '../targeting/clause.model.js';

@ObjectType('SegmentRollout')
export class SegmentRolloutModel {
  @Field(() => Int, { description: 'Units of 0.001 % of the matching contexts.' })
  weight!: number;

  @Field(() => String, { nullable: true })
  bucketBy?: string;
}

@ObjectType('SegmentRule')
export class SegmentRuleModel {
  @Field(() => String, { nullable: true })
  id?: string;

  @Field(() => [ClauseModel])
  clauses!: ClauseModel[];

  @Field(() => SegmentRolloutModel, { nullable: true })
  rollout?: SegmentRolloutModel;
}
