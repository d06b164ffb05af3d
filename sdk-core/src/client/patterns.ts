// Whether what arrives needs the pattern engine: a platform that loads it on demand (sdk-web) must
// have it before it compiles a snapshot with a `matches` clause, in a flag rule or a segment rule.
import type { Clause, Flag, Segment } from '../model.js';

/** Flags and segments, as in a snapshot or a patch (null: removed). */
export interface FlagsAndSegments {
  flags: Readonly<Record<string, Flag | null>>;
  segments?: Readonly<Record<string, Segment | null>>;
}

function hasMatches(rules: readonly { clauses?: readonly Clause[] }[] | undefined): boolean {
  if (!Array.isArray(rules)) return false;
  for (const rule of rules) {
    if (!Array.isArray(rule?.clauses)) continue;
    for (const clause of rule.clauses) if (clause?.op === 'matches') return true;
  }
  return false;
}

export function usesPatterns(content: FlagsAndSegments): boolean {
  for (const flag of Object.values(content.flags)) if (hasMatches(flag?.rules)) return true;
  for (const segment of Object.values(content.segments ?? {})) if (hasMatches(segment?.rules)) return true;
  return false;
}
