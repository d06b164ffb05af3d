import { Field, InputType } from '@nestjs/graphql';
import { SegmentRuleInput } from './segment-rule.input.js';

@InputType()
export class CreateSegmentInput {
  @Field({ description: 'Letters, digits, ., - and _; cannot change later.' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Up to 100,000 keys of 1 to 256 characters; stored sorted, duplicates dropped.',
  })
  included?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'As `included`; a key may be in one list only.' })
  excluded?: string[] | null;

  @Field(() => [SegmentRuleInput], { nullable: true })
  rules?: SegmentRuleInput[] | null;

  @Field(() => String, { nullable: true })
  salt?: string | null;
}

@InputType({ description: 'Fields left out stay as they are; a list given replaces the whole list.' })
export class UpdateSegmentInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true })
  included?: string[] | null;

  @Field(() => [String], { nullable: true })
  excluded?: string[] | null;

  @Field(() => [SegmentRuleInput], { nullable: true, description: 'Replaces every rule.' })
  rules?: SegmentRuleInput[] | null;

  @Field(() => String, { nullable: true, description: 'null clears it (the segment key is used).' })
  salt?: string | null;
}
