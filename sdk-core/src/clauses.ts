// Clauses compile to closures over precomputed operands (sets, parsed semvers and dates, compiled
// patterns), so evaluating one reads an attribute and compares, nothing more.
//
// Semantics every SDK shares (docs/sdk-core.md §Clauses):
// - a clause matches when the attribute matches ANY clause value; an array attribute matches when
//   ANY element does;
// - a missing (undefined or null) attribute never matches, even negated — except `exists`, whose
//   negation means "is missing";
// - a value of the wrong type for the operator does not match, so the negated clause does.
import { parseDate } from './dates.js';
import type { Clause, ClauseValue, EvaluationContext, Operator } from './model.js';
import { NO_PATTERN_ENGINE, patternEngine } from './regex.js';
import { compareSemVer, parseSemVer, type SemVer } from './semver.js';

export type ContextPredicate = (context: EvaluationContext) => boolean;
export type AttributeReader = (context: EvaluationContext) => unknown;
type ValueTest = (value: unknown) => boolean;

/**
 * Reads an attribute: the top-level property of that exact name; when there is none and the name
 * has dots, the path through nested plain objects ("user.plan" → context.user.plan).
 */
export function attributeReader(attribute: string): AttributeReader {
  if (!attribute.includes('.')) return (context) => context[attribute];
  const path = attribute.split('.');
  return (context) => {
    const direct = context[attribute];
    if (direct !== undefined) return direct;
    let v: unknown = context;
    for (let i = 0; i < path.length; i++) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      v = (v as Record<string, unknown>)[path[i]!];
    }
    return v;
  };
}

/** Resolves segment keys for `segmentMatch`; an unknown key yields undefined. */
export type SegmentLookup = (key: string) => ContextPredicate | undefined;

/**
 * Compiles one clause. Throws for a clause it cannot use (unknown operator or segment, an operand of
 * the wrong type), which validation reports first; `compile` makes the flag a PARSE_ERROR.
 */
export function compileClause(clause: Clause, segments: SegmentLookup): ContextPredicate {
  const negate = clause.negate === true;
  const values: readonly ClauseValue[] = Array.isArray(clause.values) ? clause.values : [];

  if (clause.op === 'segmentMatch') {
    const preds: ContextPredicate[] = [];
    for (const key of values) {
      const p = typeof key === 'string' ? segments(key) : undefined;
      if (!p) throw new Error(`no segment ${key}`);
      preds.push(p);
    }
    return (c) => {
      for (let i = 0; i < preds.length; i++) if (preds[i]!(c)) return !negate;
      return negate;
    };
  }

  const read = attributeReader(String(clause.attribute));
  if (clause.op === 'exists') return negate ? (c) => read(c) == null : (c) => read(c) != null;

  const test = valueTest(clause.op, values);
  const name = String(clause.attribute);
  if (!name.includes('.')) {
    // Top-level attribute: read it inline rather than through a reader closure (hot path).
    return (c) => {
      const v = c[name];
      if (v == null) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (test(v[i])) return !negate;
        return negate;
      }
      return test(v) !== negate;
    };
  }
  return (c) => {
    const v = read(c);
    if (v == null) return false;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (test(v[i])) return !negate;
      return negate;
    }
    return test(v) !== negate;
  };
}

function valueTest(op: Operator, values: readonly ClauseValue[]): ValueTest {
  switch (op) {
    case 'in': {
      const set = new Set<unknown>(values);
      // A handful of strings compare faster by === than through a Set.
      if (values.length === 0) return () => false;
      if (values.length <= 4 && values.every((v) => typeof v === 'string')) {
        const [a, b = a, c = a, d = a] = values;
        return (v) => v === a || v === b || v === c || v === d;
      }
      return (v) => set.has(v);
    }
    case 'startsWith':
    case 'endsWith':
    case 'contains': {
      const strs = operands(op, values, (v) => (typeof v === 'string' ? v : undefined));
      const m =
        op === 'startsWith'
          ? (s: string, x: string) => s.startsWith(x)
          : op === 'endsWith'
            ? (s: string, x: string) => s.endsWith(x)
            : (s: string, x: string) => s.includes(x);
      return (v) => {
        if (typeof v !== 'string') return false;
        for (let i = 0; i < strs.length; i++) if (m(v, strs[i]!)) return true;
        return false;
      };
    }
    case 'matches': {
      // Validation bounds patterns (patternProblem in validate.ts): those that passed are compiled.
      const engine = patternEngine();
      if (engine === undefined) throw new Error(NO_PATTERN_ENGINE);
      const patterns = operands(op, values, (v) => (typeof v === 'string' ? engine.compile(v) : undefined));
      return (v) => {
        if (typeof v !== 'string') return false;
        for (let i = 0; i < patterns.length; i++) if (patterns[i]!.test(v)) return true;
        return false;
      };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const nums = operands(op, values, (v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined));
      // Any value satisfying the comparison is as good as the extreme one.
      const bound = op === 'lt' || op === 'lte' ? Math.max(...nums) : Math.min(...nums);
      if (nums.length === 0) return () => false;
      return numberCompare(op, bound);
    }
    case 'before':
    case 'after': {
      const dates = operands(op, values, parseDate);
      if (dates.length === 0) return () => false;
      const bound = op === 'before' ? Math.max(...dates) : Math.min(...dates);
      return (v) => {
        const d = parseDate(v);
        return d !== undefined && (op === 'before' ? d < bound : d > bound);
      };
    }
    case 'semverEq':
    case 'semverLt':
    case 'semverLte':
    case 'semverGt':
    case 'semverGte': {
      const versions = operands(op, values, (v) => (typeof v === 'string' ? parseSemVer(v) : undefined));
      const accept = semverAccept(op);
      // Contexts usually carry one app version for a long time: remember the last parse.
      let lastInput: string | undefined;
      let lastParsed: SemVer | undefined;
      return (v) => {
        if (typeof v !== 'string') return false;
        if (v !== lastInput) {
          lastInput = v;
          lastParsed = parseSemVer(v);
        }
        const parsed = lastParsed;
        if (!parsed) return false;
        for (let i = 0; i < versions.length; i++)
          if (accept(compareSemVer(parsed, versions[i]!))) return true;
        return false;
      };
    }
    default:
      throw new Error(`unknown operator ${String(op)}`);
  }
}

/** Each operand read by `read`; throws for one it cannot read (validation reports those first). */
function operands<T>(
  op: Operator,
  values: readonly ClauseValue[],
  read: (v: ClauseValue) => T | undefined,
): T[] {
  return values.map((v) => {
    const operand = read(v);
    if (operand === undefined) throw new Error(`${op} cannot take ${String(v)}`);
    return operand;
  });
}

function numberCompare(op: 'lt' | 'lte' | 'gt' | 'gte', bound: number): ValueTest {
  switch (op) {
    case 'lt':
      return (v) => typeof v === 'number' && v < bound;
    case 'lte':
      return (v) => typeof v === 'number' && v <= bound;
    case 'gt':
      return (v) => typeof v === 'number' && v > bound;
    case 'gte':
      return (v) => typeof v === 'number' && v >= bound;
  }
}

function semverAccept(
  op: 'semverEq' | 'semverLt' | 'semverLte' | 'semverGt' | 'semverGte',
): (c: number) => boolean {
  switch (op) {
    case 'semverEq':
      return (c) => c === 0;
    case 'semverLt':
      return (c) => c < 0;
    case 'semverLte':
      return (c) => c <= 0;
    case 'semverGt':
      return (c) => c > 0;
    case 'semverGte':
      return (c) => c >= 0;
  }
}
