// The prerequisite graph is checked once per snapshot, so evaluation can recurse into prerequisites
// knowing the depth is bounded: a flag whose prerequisites (transitively) include a missing flag, a
// cycle or a chain deeper than MAX_PREREQUISITE_DEPTH is marked broken instead of being evaluated.
import type { Flag } from './model.js';

export const MAX_PREREQUISITE_DEPTH = 32;

export type PrerequisiteProblemCode =
  'UNKNOWN_PREREQUISITE' | 'PREREQUISITE_CYCLE' | 'PREREQUISITE_TOO_DEEP' | 'UNKNOWN_VARIATION';

export interface PrerequisiteIssue {
  code: PrerequisiteProblemCode;
  /** Index in the flag's `prerequisites` where the problem shows. */
  index: number;
  message: string;
}

const TOO_DEEP = Symbol('too deep');
const VISITING = Symbol('visiting');
type Outcome = PrerequisiteIssue | null | typeof TOO_DEEP;

/** The first prerequisite issue of every flag that has one, direct or inherited. */
export function analysePrerequisites(flags: ReadonlyMap<string, Flag>): Map<string, PrerequisiteIssue> {
  const memo = new Map<string, PrerequisiteIssue | null | typeof VISITING>();

  const visit = (key: string, level: number): Outcome => {
    const known = memo.get(key);
    if (known === VISITING) throw new Error('unreachable: visiting node handled by caller');
    if (known !== undefined) return known;
    if (level > MAX_PREREQUISITE_DEPTH) return TOO_DEEP;
    const flag = flags.get(key)!;
    const prereqs = Array.isArray(flag.prerequisites) ? flag.prerequisites : [];
    memo.set(key, VISITING);
    let result: Outcome = null;
    for (let i = 0; i < prereqs.length && result === null; i++) {
      const p = prereqs[i];
      if (typeof p !== 'object' || p === null) continue;
      const target = flags.get(p.flag);
      if (!target) {
        result = {
          code: 'UNKNOWN_PREREQUISITE',
          index: i,
          message: `prerequisite flag ${p.flag} does not exist`,
        };
      } else if (memo.get(p.flag) === VISITING) {
        result = { code: 'PREREQUISITE_CYCLE', index: i, message: `prerequisite ${p.flag} closes a cycle` };
      } else if (
        !Array.isArray(target.variations) ||
        !target.variations.some((v) => v?.key === p.variation)
      ) {
        result = {
          code: 'UNKNOWN_VARIATION',
          index: i,
          message: `prerequisite flag ${p.flag} has no variation ${p.variation}`,
        };
      } else {
        const child = visit(p.flag, level + 1);
        if (child === TOO_DEEP) result = TOO_DEEP;
        else if (child) {
          result = { code: child.code, index: i, message: `prerequisite ${p.flag}: ${child.message}` };
        }
      }
    }
    if (result === TOO_DEEP && level === 0) {
      result = {
        code: 'PREREQUISITE_TOO_DEEP',
        index: 0,
        message: `prerequisites nest deeper than ${MAX_PREREQUISITE_DEPTH} levels`,
      };
    }
    // A too-deep answer is relative to where the walk started, so it is not remembered.
    if (result === TOO_DEEP) memo.delete(key);
    else memo.set(key, result);
    return result;
  };

  const issues = new Map<string, PrerequisiteIssue>();
  for (const key of flags.keys()) {
    const r = visit(key, 0);
    if (r && r !== TOO_DEEP) issues.set(key, r);
  }
  return issues;
}
