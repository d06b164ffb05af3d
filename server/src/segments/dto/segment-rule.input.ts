import type { SegmentRule } from '@flagstaff/sdk-core';
import { Field, InputType, Int } from '@nestjs/graphql';
import { ClauseInput, clauseFromInput } from '../../targeting/clause.input.js';

@InputType()
export class SegmentRolloutInput {
  @Field(() => Int, {
    description: 'Share of the matching contexts in the segment, in units of 0.001 % (100000 = all).',
  })
  weight!: number;

  @Field(() => String, { nullable: true, description: 'Attribute hashed; targetingKey when left out.' })
  bucketBy?: string | null;
}

@InputType({
  description: 'Contexts matching every clause are in the segment (or a share of them, with rollout).',
})
export class SegmentRuleInput {
  @Field(() => String, { nullable: true })
  id?: string | null;

  @Field(() => [ClauseInput])
  clauses!: ClauseInput[];

  @Field(() => SegmentRolloutInput, { nullable: true })
  rollout?: SegmentRolloutInput | null;
}

/** The sdk-core segment rules an input describes; validateSegment judges them. */
export function segmentRulesFromInput(rules: readonly SegmentRuleInput[]): SegmentRule[] {
  return rules.map((r) => {
    const rule: SegmentRule = { clauses: r.clauses.map(clauseFromInput) };
    if (r.id != null) rule.id = r.id;
    if (r.rollout != null) {
      rule.rollout = { weight: r.rollout.weight };
      if (r.rollout.bucketBy != null) rule.rollout.bucketBy = r.rollout.bucketBy;
    }
    return rule;
  });
}

/** A segment input with its rules as sdk-core rules, as the segments service takes it. */
export type WithSegmentRules<T extends { rules?: SegmentRuleInput[] | null }> = Omit<T, 'rules'> & {
  rules?: SegmentRule[] | null;
};

export function withSegmentRules<T extends { rules?: SegmentRuleInput[] | null }>(
  input: T,
): WithSegmentRules<T> {
  return { ...input, rules: input.rules == null ? input.rules : segmentRulesFromInput(input.rules) };
}
