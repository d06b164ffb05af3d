import type { SegmentPageQuery } from '../graphql/generated/graphql.js';
import { clauseDraftOf, type ClauseDraft } from '../targeting/clause-draft.js';

export interface SegmentRuleDraft {
  id?: string;
  clauses: ClauseDraft[];
  /** Only this share of the matching contexts is in (units of 0.001 %); all of them when left out. */
  rollout?: { weight: number; bucketBy?: string };
}

/** What the segment editor changes: the fields of the API's UpdateSegmentInput it sends. */
export interface SegmentDraft {
  name: string;
  description: string;
  rules: SegmentRuleDraft[];
}

export function segmentDraftOf(segment: SegmentPageQuery['segment']): SegmentDraft {
  return {
    name: segment.name,
    description: segment.description,
    rules: segment.rules.map((rule) => ({
      ...(rule.id ? { id: rule.id } : {}),
      clauses: rule.clauses.map(clauseDraftOf),
      ...(rule.rollout
        ? {
            rollout: {
              weight: rule.rollout.weight,
              ...(rule.rollout.bucketBy ? { bucketBy: rule.rollout.bucketBy } : {}),
            },
          }
        : {}),
    })),
  };
}
