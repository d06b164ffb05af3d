import { clauseView } from '../targeting/clause.model.js';
import type { SegmentModel } from './segment.model.js';
import type { SegmentSummary } from './segment-summary.js';

export function segmentView(s: SegmentSummary): SegmentModel {
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    description: s.description,
    rules: s.rules.map((r) => ({
      ...(r.id === undefined ? {} : { id: r.id }),
      clauses: r.clauses.map(clauseView),
      ...(r.rollout === undefined ? {} : { rollout: r.rollout }),
    })),
    salt: s.salt,
    includedCount: s.includedCount,
    excludedCount: s.excludedCount,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}
