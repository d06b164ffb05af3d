import type { Clause, JsonValue } from '@flagstaff/sdk-core';
import { Field, InputType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';

/** A condition on the context, shared by flag rules and segment rules. */
@InputType()
export class ClauseInput {
  @Field(() => String, { nullable: true, description: 'Context attribute; not needed for segmentMatch.' })
  attribute?: string | null;

  @Field({ description: 'An sdk-core operator, e.g. in, matches, semverGte, segmentMatch.' })
  op!: string;

  @Field(() => [JsonScalar], { description: 'Strings, numbers or booleans; segment keys for segmentMatch.' })
  values!: JsonValue[];

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  negate?: boolean | null;
}

/** The sdk-core clause an input describes; validateFlag/validateSegment judge it. */
export function clauseFromInput(c: ClauseInput): Clause {
  const clause: Clause = {
    attribute: c.attribute ?? '',
    op: c.op as Clause['op'],
    values: c.values as Clause['values'],
  };
  if (c.negate) clause.negate = true;
  return clause;
}
