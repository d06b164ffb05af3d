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
import { compilePattern, type CompiledPattern } from './regex.js';
import { compareSemVer, parseSemVer, type SemVer } from './semver.js';

export type ContextPredicate = (context: EvaluationContext) => boolean;
export type AttributeReader = (context: EvaluationContext) => unknown;
type ValueTest = (value: unknown) => boolean;

export const OPERATORS: ReadonlySet<Operator> = new Set<Operator>([
  'in',
  'startsWith',
  'endsWith',
  'contains',
  'matches',
  'lt',
  'lte',
  'gt',
  'gte',
  'before',
  'after',
  'semverEq',
  'semverLt',
  'semverLte',
  'semverGt',
  'semverGte',
  'exists',
  'segmentMatch',
]);

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

export interface ClauseCompileResult {
  predicate: ContextPredicate;
  /** Why the clause is unusable (unknown operator, bad operand); the predicate then never matches. */
  problem?: { code: string; message: string };
}

const never: ContextPredicate = () => false;

/** Compiles one clause. Never throws; an unusable clause reports a problem and never matches. */
export function compileClause(clause: Clause, segments: SegmentLookup): ClauseCompileResult {
  const negate = clause.negate === true;
  const values: readonly ClauseValue[] = Array.isArray(clause.values) ? clause.values : [];

  if (clause.op === 'segmentMatch') {
    const preds: ContextPredicate[] = [];
    for (const key of values) {
      const p = typeof key === 'string' ? segments(key) : undefined;
      if (!p) return { predicate: never, problem: { code: 'UNKNOWN_SEGMENT', message: `no segment ${key}` } };
      preds.push(p);
    }
    if (preds.length === 1) {
      const only = preds[0]!;
      return { predicate: negate ? (c) => !only(c) : only };
    }
    return {
      predicate: (c) => {
        for (let i = 0; i < preds.length; i++) if (preds[i]!(c)) return !negate;
        return negate;
      },
    };
  }

  const read = attributeReader(String(clause.attribute));
  if (clause.op === 'exists') {
    return { predicate: negate ? (c) => read(c) == null : (c) => read(c) != null };
  }

  const made = valueTest(clause.op, values);
  if ('problem' in made) return { predicate: never, problem: made.problem };
  const test = made.test;
  const name = String(clause.attribute);
  if (!name.includes('.')) {
    // Top-level attribute: read it inline rather than through a reader closure (hot path).
    return {
      predicate: (c) => {
        const v = c[name];
        if (v == null) return false;
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) if (test(v[i])) return !negate;
          return negate;
        }
        return test(v) !== negate;
      },
    };
  }
  return {
    predicate: (c) => {
      const v = read(c);
      if (v == null) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (test(v[i])) return !negate;
        return negate;
      }
      return test(v) !== negate;
    },
  };
}

type Made = { test: ValueTest } | { problem: { code: string; message: string } };

function bad(code: string, message: string): Made {
  return { problem: { code, message } };
}

function valueTest(op: Operator, values: readonly ClauseValue[]): Made {
  switch (op) {
    case 'in': {
      const set = new Set<unknown>(values);
      // A handful of strings compare faster by === than through a Set.
      if (values.length === 0) return { test: () => false };
      if (values.length <= 4 && values.every((v) => typeof v === 'string')) {
        const [a, b = a, c = a, d = a] = values;
        return { test: (v) => v === a || v === b || v === c || v === d };
      }
      return { test: (v) => set.has(v) };
    }
    case 'startsWith':
    case 'endsWith':
    case 'contains': {
      const strs = values.filter((v): v is string => typeof v === 'string');
      if (strs.length !== values.length) return bad('INVALID_VALUE', `${op} takes strings`);
      const m =
        op === 'startsWith'
          ? (s: string, x: string) => s.startsWith(x)
          : op === 'endsWith'
            ? (s: string, x: string) => s.endsWith(x)
            : (s: string, x: string) => s.includes(x);
      return {
        test: (v) => {
          if (typeof v !== 'string') return false;
          for (let i = 0; i < strs.length; i++) if (m(v, strs[i]!)) return true;
          return false;
        },
      };
    }
    case 'matches': {
      const patterns: CompiledPattern[] = [];
      for (const v of values) {
        if (typeof v !== 'string') return bad('INVALID_VALUE', 'matches takes pattern strings');
        const r = compilePattern(v);
        if (!r.ok) return bad(r.code, r.message);
        patterns.push(r.pattern);
      }
      return {
        test: (v) => {
          if (typeof v !== 'string') return false;
          for (let i = 0; i < patterns.length; i++) if (patterns[i]!.test(v)) return true;
          return false;
        },
      };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const nums = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (nums.length !== values.length) return bad('INVALID_VALUE', `${op} takes finite numbers`);
      // Any value satisfying the comparison is as good as the extreme one.
      const bound = op === 'lt' || op === 'lte' ? Math.max(...nums) : Math.min(...nums);
      if (nums.length === 0) return { test: () => false };
      return { test: numberCompare(op, bound) };
    }
    case 'before':
    case 'after': {
      const dates: number[] = [];
      for (const v of values) {
        const d = parseDate(v);
        if (d === undefined) return bad('INVALID_DATE', `not an RFC 3339 date or epoch milliseconds: ${v}`);
        dates.push(d);
      }
      if (dates.length === 0) return { test: () => false };
      const bound = op === 'before' ? Math.max(...dates) : Math.min(...dates);
      return {
        test: (v) => {
          const d = parseDate(v);
          return d !== undefined && (op === 'before' ? d < bound : d > bound);
        },
      };
    }
    case 'semverEq':
    case 'semverLt':
    case 'semverLte':
    case 'semverGt':
    case 'semverGte': {
      const versions: SemVer[] = [];
      for (const v of values) {
        const parsed = typeof v === 'string' ? parseSemVer(v) : undefined;
        if (!parsed) return bad('INVALID_SEMVER', `not a semantic version: ${v}`);
        versions.push(parsed);
      }
      const accept = semverAccept(op);
      // Contexts usually carry one app version for a long time: remember the last parse.
      let lastInput: string | undefined;
      let lastParsed: SemVer | undefined;
      return {
        test: (v) => {
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
        },
      };
    }
    default:
      return bad('UNKNOWN_OPERATOR', `unknown operator ${String(op)}`);
  }
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
