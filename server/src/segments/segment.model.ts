import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection.js';
import { SegmentRuleModel } from './segment-rule.model.js';

@ObjectType('Segment', {
  description:
    'A reusable audience of a project. The key lists can hold 100,000 keys each, so they are read a page at a time through `keys`.',
})
export class SegmentModel {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => [SegmentRuleModel], { description: 'A context matching any rule is in the segment.' })
  rules!: SegmentRuleModel[];

  @Field(() => String, { nullable: true, description: 'Salt of rule rollouts; the segment key when null.' })
  salt!: string | null;

  @Field(() => Int, { description: 'How many keys are always in the segment.' })
  includedCount!: number;

  @Field(() => Int, { description: 'How many keys are never in the segment.' })
  excludedCount!: number;

  @Field(() => Int, { description: 'Bumped by every change; edits pass it as expectedVersion.' })
  version!: number;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('SegmentConnection')
export class SegmentConnection extends Connection(SegmentModel) {}

@ObjectType('SegmentKeyConnection', { description: 'A page of one key list, in code point order.' })
export class SegmentKeyConnection extends Connection(String) {}
