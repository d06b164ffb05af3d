import type { ClauseValue, Operator } from '@flagstaff/sdk-core';

/** A condition on the context, as flag rules and segment rules both hold it (the API's ClauseInput). */
export interface ClauseDraft {
  attribute: string;
  op: Operator;
  negate: boolean;
  values: ClauseValue[];
}

/** A clause as the API returns it, in the editor's shape. */
export function clauseDraftOf(clause: {
  attribute: string;
  op: string;
  negate: boolean;
  values: unknown[];
}): ClauseDraft {
  return {
    attribute: clause.attribute,
    op: clause.op as Operator,
    negate: clause.negate,
    values: clause.values as ClauseValue[],
  };
}

/** What "Add a condition" starts with. */
export const NEW_CLAUSE: ClauseDraft = { attribute: '', op: 'in', negate: false, values: [] };
