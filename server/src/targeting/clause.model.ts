import type { Clause, ClauseValue } from '@flagstaff/sdk-core';
import { Field, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

@ObjectType('Clause', { description: 'A condition on the context, shared by flag rules and segment rules.' })
export class ClauseModel {
  @Field({ description: 'Context attribute (dotted paths reach into objects); empty for segmentMatch.' })
  attribute!: string;

  @Field({
    description:
      'in, startsWith, endsWith, contains, matches, lt, lte, gt, gte, before, after, semverEq, semverLt, semverLte, semverGt, semverGte, exists or segmentMatch',
  })
  op!: string;

  @Field(() => [JsonScalar], { description: 'Strings, numbers or booleans; segment keys for segmentMatch.' })
  values!: ClauseValue[];

  @Field()
  negate!: boolean;
}

export function clauseView(c: Clause): ClauseModel {
  return { attribute: c.attribute, op: c.op, values: c.values, negate: c.negate === true };
}
