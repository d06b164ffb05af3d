// Write-time validation for the server, and the same checks `compile` uses to decide that a flag
// arriving in a snapshot is malformed (`snapshotValidator`, which `compile` has registered, not
// imported: see compile.ts). Returns every problem, each with a JSON Pointer path.
import { parseDate } from './dates.js';
import type { SnapshotValidator } from './compile.js';
import { messageOf } from './detail.js';
import { isPlainObject } from './json.js';
import type { Clause, Flag, Operator, Segment, Serve, Snapshot } from './model.js';
import { analysePrerequisites, type PrerequisiteProblemCode } from './prerequisites.js';
import { NO_PATTERN_ENGINE, patternEngine } from './regex.js';
import { parseSemVer } from './semver.js';
import { BUCKETS } from './bucket.js';

export type ProblemCode =
  | 'REQUIRED'
  | 'INVALID_TYPE'
  | 'INVALID_KEY'
  | 'KEY_MISMATCH'
  | 'DUPLICATE_KEY'
  | 'DUPLICATE_TARGET'
  | 'UNKNOWN_VARIATION'
  | 'VALUE_KIND_MISMATCH'
  | 'INVALID_WEIGHT'
  | 'WEIGHTS_SUM'
  | 'INVALID_SERVE'
  | 'UNKNOWN_OPERATOR'
  | 'INVALID_VALUE'
  | 'EMPTY_VALUES'
  | 'INVALID_SEMVER'
  | 'INVALID_DATE'
  | 'UNKNOWN_SEGMENT'
  | 'NESTED_SEGMENT'
  | 'INVALID_METADATA'
  | 'INVALID_CONFIG'
  | PatternProblemCode
  | PrerequisiteProblemCode
  /** Only from `compile`: a snapshot not marked validated arrived and no validator is loaded. */
  | 'VALIDATOR_MISSING'
  /** Only from `compile`: a flag or segment of a snapshot marked validated could not be compiled. */
  | 'MALFORMED';

export interface Problem {
  /** JSON Pointer (RFC 6901) to the offending value, relative to what was validated. */
  path: string;
  code: ProblemCode;
  message: string;
}

/** What a flag may refer to; checks of references run only for what is given. */
export interface ValidationScope {
  /** Other flags of the environment, for prerequisites (existence, variations, cycles, depth). */
  flags?: Readonly<Record<string, Flag>>;
  /** Segments of the environment, for segmentMatch. */
  segments?: Readonly<Record<string, Segment>>;
}

export const MAX_KEY_LENGTH = 256;

/** Every clause operator (clauses.ts compiles them). */
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

const KINDS = new Set(['boolean', 'string', 'number', 'json']);
const CONFIG_TYPES = new Set(['string', 'number', 'boolean', 'json']);

// Most keys need no escaping: skip the two regex passes for them (paths are built for every field).
const escape = (s: string | number): string =>
  typeof s === 'number' ? String(s) : /[~/]/.test(s) ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
const at = (base: string, ...parts: (string | number)[]): string => {
  let path = base;
  for (const p of parts) path += `/${escape(p)}`;
  return path;
};

function validKey(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_KEY_LENGTH;
}

/** True when `value` is a plain JSON value (finite numbers, no undefined, functions or cycles). */
function isJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

export function valueMatchesKind(kind: string, value: unknown): boolean {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'json':
      return isJson(value);
    default:
      return false;
  }
}

class Collector {
  readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  add(path: string, code: ProblemCode, message: string): void {
    const id = `${path} ${code}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.problems.push({ path, code, message });
  }
}

// Patterns are bounded here, at validation, so that what reaches evaluation is cheap to compile
// and run; evaluation (clauses.ts) compiles those that passed.

/** Longest accepted pattern, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 1024;
/** Largest accepted compiled program (RE2's rough measure of a pattern's cost). */
export const MAX_PROGRAM_SIZE = 10_000;

export type PatternProblemCode =
  | 'INVALID_REGEX'
  | 'REGEX_TOO_LONG'
  | 'REGEX_TOO_COMPLEX'
  /** No engine is registered: the pattern cannot be judged, so the clause is never used. */
  | 'REGEX_ENGINE_MISSING';

/** Why a pattern is refused, or undefined when it is accepted. Never throws. */
export function patternProblem(source: string): { code: PatternProblemCode; message: string } | undefined {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      code: 'REGEX_TOO_LONG',
      message: `pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`,
    };
  }
  const engine = patternEngine();
  if (engine === undefined) return { code: 'REGEX_ENGINE_MISSING', message: NO_PATTERN_ENGINE };
  let size: number;
  try {
    size = engine.compile(source).programSize();
  } catch (e) {
    return { code: 'INVALID_REGEX', message: messageOf(e) };
  }
  if (size > MAX_PROGRAM_SIZE) {
    return {
      code: 'REGEX_TOO_COMPLEX',
      message: `pattern compiles to ${size} instructions; at most ${MAX_PROGRAM_SIZE} are allowed`,
    };
  }
  return undefined;
}

function checkClauses(
  out: Collector,
  base: string,
  clauses: unknown,
  scope: ValidationScope,
  inSegment: boolean,
): void {
  if (!Array.isArray(clauses)) {
    out.add(base, 'INVALID_TYPE', 'clauses must be an array');
    return;
  }
  clauses.forEach((raw: unknown, i) => {
    const path = at(base, i);
    if (!isPlainObject(raw)) return out.add(path, 'INVALID_TYPE', 'a clause must be an object');
    const clause = raw as unknown as Clause;
    if (!OPERATORS.has(clause.op))
      return out.add(at(path, 'op'), 'UNKNOWN_OPERATOR', `unknown operator ${String(clause.op)}`);
    if (clause.negate !== undefined && typeof clause.negate !== 'boolean') {
      out.add(at(path, 'negate'), 'INVALID_TYPE', 'negate must be a boolean');
    }
    if (clause.op !== 'segmentMatch' && (typeof clause.attribute !== 'string' || clause.attribute === '')) {
      out.add(at(path, 'attribute'), 'REQUIRED', 'attribute must be a non-empty string');
    }
    if (!Array.isArray(clause.values))
      return out.add(at(path, 'values'), 'INVALID_TYPE', 'values must be an array');
    if (clause.op === 'exists') return;
    if (clause.values.length === 0)
      return out.add(at(path, 'values'), 'EMPTY_VALUES', 'a clause needs values');
    clause.values.forEach((v: unknown, j) => {
      const vp = at(path, 'values', j);
      switch (clause.op) {
        case 'in':
          if (
            typeof v !== 'string' &&
            typeof v !== 'boolean' &&
            !(typeof v === 'number' && Number.isFinite(v))
          ) {
            out.add(vp, 'INVALID_VALUE', 'in takes strings, finite numbers or booleans');
          }
          break;
        case 'startsWith':
        case 'endsWith':
        case 'contains':
          if (typeof v !== 'string') out.add(vp, 'INVALID_VALUE', `${clause.op} takes strings`);
          break;
        case 'matches': {
          if (typeof v !== 'string') {
            out.add(vp, 'INVALID_VALUE', 'matches takes pattern strings');
            break;
          }
          const p = patternProblem(v);
          if (p) out.add(vp, p.code, p.message);
          break;
        }
        case 'lt':
        case 'lte':
        case 'gt':
        case 'gte':
          if (typeof v !== 'number' || !Number.isFinite(v))
            out.add(vp, 'INVALID_VALUE', `${clause.op} takes numbers`);
          break;
        case 'before':
        case 'after':
          if (parseDate(v) === undefined) {
            out.add(vp, 'INVALID_DATE', `not an RFC 3339 date or epoch milliseconds: ${String(v)}`);
          }
          break;
        case 'semverEq':
        case 'semverLt':
        case 'semverLte':
        case 'semverGt':
        case 'semverGte':
          if (typeof v !== 'string' || !parseSemVer(v)) {
            out.add(vp, 'INVALID_SEMVER', `not a semantic version: ${String(v)}`);
          }
          break;
        case 'segmentMatch':
          if (inSegment) out.add(vp, 'NESTED_SEGMENT', 'segment rules cannot match other segments');
          else if (typeof v !== 'string') out.add(vp, 'INVALID_VALUE', 'segmentMatch takes segment keys');
          else if (scope.segments && !Object.hasOwn(scope.segments, v)) {
            out.add(vp, 'UNKNOWN_SEGMENT', `no segment ${v}`);
          }
          break;
      }
    });
  });
}

function checkWeight(out: Collector, path: string, w: unknown): boolean {
  if (typeof w !== 'number' || !Number.isInteger(w) || w < 0 || w > BUCKETS) {
    out.add(path, 'INVALID_WEIGHT', `a weight is an integer from 0 to ${BUCKETS} (units of 0.001 %)`);
    return false;
  }
  return true;
}

function checkServe(out: Collector, path: string, serve: unknown, variationKeys: ReadonlySet<string>): void {
  if (!isPlainObject(serve)) return out.add(path, 'REQUIRED', 'serve a variation or a rollout');
  const s = serve as unknown as Serve;
  const hasVariation = 'variation' in s;
  const hasRollout = 'rollout' in s;
  if (hasVariation === hasRollout)
    return out.add(path, 'INVALID_SERVE', 'serve exactly one of variation or rollout');
  if ('variation' in s) {
    if (!variationKeys.has(s.variation)) {
      out.add(at(path, 'variation'), 'UNKNOWN_VARIATION', `no variation ${String(s.variation)}`);
    }
    return;
  }
  const rollout = s.rollout;
  if (!isPlainObject(rollout))
    return out.add(at(path, 'rollout'), 'INVALID_TYPE', 'rollout must be an object');
  if (rollout.bucketBy !== undefined && (typeof rollout.bucketBy !== 'string' || rollout.bucketBy === '')) {
    out.add(at(path, 'rollout', 'bucketBy'), 'INVALID_TYPE', 'bucketBy must be a non-empty attribute name');
  }
  if (!Array.isArray(rollout.weights) || rollout.weights.length === 0) {
    return out.add(at(path, 'rollout', 'weights'), 'REQUIRED', 'a rollout needs weights');
  }
  let sum = 0;
  let sound = true;
  rollout.weights.forEach((w: unknown, i) => {
    const wp = at(path, 'rollout', 'weights', i);
    if (!isPlainObject(w)) {
      sound = false;
      return out.add(wp, 'INVALID_TYPE', 'a weight must be an object');
    }
    if (!variationKeys.has(w.variation as string)) {
      out.add(at(wp, 'variation'), 'UNKNOWN_VARIATION', `no variation ${String(w.variation)}`);
    }
    if (checkWeight(out, at(wp, 'weight'), w.weight)) sum += w.weight as number;
    else sound = false;
  });
  if (sound && sum !== BUCKETS) {
    out.add(at(path, 'rollout', 'weights'), 'WEIGHTS_SUM', `weights sum to ${sum}, not ${BUCKETS}`);
  }
}

function checkFlag(out: Collector, base: string, raw: unknown, scope: ValidationScope): void {
  if (!isPlainObject(raw)) return out.add(base, 'INVALID_TYPE', 'a flag must be an object');
  const flag = raw as unknown as Flag;
  if (!validKey(flag.key))
    out.add(at(base, 'key'), 'INVALID_KEY', `a key is 1 to ${MAX_KEY_LENGTH} characters`);
  const kindOk = KINDS.has(flag.kind);
  if (!kindOk) out.add(at(base, 'kind'), 'INVALID_TYPE', 'kind is boolean, string, number or json');
  if (typeof flag.enabled !== 'boolean')
    out.add(at(base, 'enabled'), 'INVALID_TYPE', 'enabled must be a boolean');
  if (flag.salt !== undefined && (typeof flag.salt !== 'string' || flag.salt === '')) {
    out.add(at(base, 'salt'), 'INVALID_TYPE', 'salt must be a non-empty string');
  }
  if (flag.metadata !== undefined) {
    if (!isPlainObject(flag.metadata))
      out.add(at(base, 'metadata'), 'INVALID_METADATA', 'metadata must be an object');
    else {
      for (const [k, v] of Object.entries(flag.metadata)) {
        if (
          typeof v !== 'string' &&
          typeof v !== 'boolean' &&
          !(typeof v === 'number' && Number.isFinite(v))
        ) {
          out.add(
            at(base, 'metadata', k),
            'INVALID_METADATA',
            'metadata values are strings, numbers or booleans',
          );
        }
      }
    }
  }

  const keys = new Set<string>();
  if (!Array.isArray(flag.variations) || flag.variations.length === 0) {
    out.add(at(base, 'variations'), 'REQUIRED', 'a flag needs at least one variation');
  } else {
    flag.variations.forEach((v: unknown, i) => {
      const vp = at(base, 'variations', i);
      if (!isPlainObject(v)) return out.add(vp, 'INVALID_TYPE', 'a variation must be an object');
      if (!validKey(v.key)) return out.add(at(vp, 'key'), 'INVALID_KEY', 'a variation needs a key');
      if (keys.has(v.key)) out.add(at(vp, 'key'), 'DUPLICATE_KEY', `variation ${v.key} is listed twice`);
      keys.add(v.key);
      if (kindOk && !valueMatchesKind(flag.kind, v.value)) {
        out.add(at(vp, 'value'), 'VALUE_KIND_MISMATCH', `value is not a ${flag.kind}`);
      }
    });
  }
  if (flag.offVariation !== undefined && !keys.has(flag.offVariation)) {
    out.add(at(base, 'offVariation'), 'UNKNOWN_VARIATION', `no variation ${String(flag.offVariation)}`);
  }

  if (!Array.isArray(flag.targets)) out.add(at(base, 'targets'), 'INVALID_TYPE', 'targets must be an array');
  else {
    const seen = new Set<string>();
    flag.targets.forEach((t: unknown, i) => {
      const tp = at(base, 'targets', i);
      if (!isPlainObject(t)) return out.add(tp, 'INVALID_TYPE', 'a target must be an object');
      if (!keys.has(t.variation as string)) {
        out.add(at(tp, 'variation'), 'UNKNOWN_VARIATION', `no variation ${String(t.variation)}`);
      }
      if (!Array.isArray(t.values))
        return out.add(at(tp, 'values'), 'INVALID_TYPE', 'values must be an array');
      t.values.forEach((v: unknown, j) => {
        if (typeof v !== 'string')
          return out.add(at(tp, 'values', j), 'INVALID_VALUE', 'target values are strings');
        if (seen.has(v)) out.add(at(tp, 'values', j), 'DUPLICATE_TARGET', `${v} is targeted twice`);
        seen.add(v);
      });
    });
  }

  if (!Array.isArray(flag.rules)) out.add(at(base, 'rules'), 'INVALID_TYPE', 'rules must be an array');
  else {
    const ids = new Set<string>();
    flag.rules.forEach((r: unknown, i) => {
      const rp = at(base, 'rules', i);
      if (!isPlainObject(r)) return out.add(rp, 'INVALID_TYPE', 'a rule must be an object');
      if (!validKey(r.id)) out.add(at(rp, 'id'), 'REQUIRED', 'a rule needs an id');
      else if (ids.has(r.id)) out.add(at(rp, 'id'), 'DUPLICATE_KEY', `rule id ${r.id} is used twice`);
      else ids.add(r.id);
      checkClauses(out, at(rp, 'clauses'), r.clauses, scope, false);
      checkServe(out, at(rp, 'serve'), r.serve, keys);
    });
  }
  checkServe(out, at(base, 'fallthrough'), flag.fallthrough, keys);

  if (!Array.isArray(flag.prerequisites)) {
    out.add(at(base, 'prerequisites'), 'INVALID_TYPE', 'prerequisites must be an array');
  } else {
    flag.prerequisites.forEach((p: unknown, i) => {
      const pp = at(base, 'prerequisites', i);
      if (!isPlainObject(p) || !validKey(p.flag) || !validKey(p.variation)) {
        return out.add(pp, 'INVALID_TYPE', 'a prerequisite names a flag and a variation');
      }
      if (p.flag === flag.key) out.add(pp, 'PREREQUISITE_CYCLE', 'a flag cannot be its own prerequisite');
    });
  }
}

function checkSegment(out: Collector, base: string, raw: unknown): void {
  if (!isPlainObject(raw)) return out.add(base, 'INVALID_TYPE', 'a segment must be an object');
  const seg = raw as unknown as Segment;
  if (!validKey(seg.key))
    out.add(at(base, 'key'), 'INVALID_KEY', `a key is 1 to ${MAX_KEY_LENGTH} characters`);
  for (const list of ['included', 'excluded'] as const) {
    const values: unknown = seg[list];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
      out.add(at(base, list), 'INVALID_TYPE', `${list} must be an array of strings`);
    }
  }
  if (seg.salt !== undefined && (typeof seg.salt !== 'string' || seg.salt === '')) {
    out.add(at(base, 'salt'), 'INVALID_TYPE', 'salt must be a non-empty string');
  }
  if (!Array.isArray(seg.rules)) return out.add(at(base, 'rules'), 'INVALID_TYPE', 'rules must be an array');
  seg.rules.forEach((r: unknown, i) => {
    const rp = at(base, 'rules', i);
    if (!isPlainObject(r)) return out.add(rp, 'INVALID_TYPE', 'a rule must be an object');
    checkClauses(out, at(rp, 'clauses'), r.clauses, {}, true);
    if (r.rollout !== undefined) {
      if (!isPlainObject(r.rollout))
        return out.add(at(rp, 'rollout'), 'INVALID_TYPE', 'rollout must be an object');
      checkWeight(out, at(rp, 'rollout', 'weight'), r.rollout.weight);
      const by = r.rollout.bucketBy;
      if (by !== undefined && (typeof by !== 'string' || by === '')) {
        out.add(at(rp, 'rollout', 'bucketBy'), 'INVALID_TYPE', 'bucketBy must be a non-empty attribute name');
      }
    }
  });
}

/**
 * Every problem of one flag, paths relative to the flag. With `scope.flags`, prerequisites are
 * checked against them (the flag itself replacing its stored version): existence, variations,
 * cycles and depth. With `scope.segments`, segmentMatch keys are checked.
 */
export function validateFlag(flag: unknown, scope: ValidationScope = {}): Problem[] {
  const out = new Collector();
  checkFlag(out, '', flag, scope);
  if (scope.flags && isPlainObject(flag) && validKey(flag.key) && Array.isArray(flag.prerequisites)) {
    const all = new Map(Object.entries(scope.flags));
    all.set(flag.key, flag as unknown as Flag);
    const issue = analysePrerequisites(all).get(flag.key);
    if (issue) out.add(at('', 'prerequisites', issue.index), issue.code, issue.message);
  }
  return out.problems;
}

/** Every problem of one segment, paths relative to the segment. */
export function validateSegment(segment: unknown): Problem[] {
  const out = new Collector();
  checkSegment(out, '', segment);
  return out.problems;
}

/** Every problem of a whole snapshot, paths from its root ("/flags/checkout/rules/0/…"). */
export function validateSnapshot(snapshot: unknown): Problem[] {
  return validateSnapshotParts(snapshot).problems;
}

/** The problems of each flag and segment on its own (prerequisite problems aside). */
export interface ValidationMemo {
  readonly flags: ReadonlyMap<string, readonly Problem[]>;
  readonly segments: ReadonlyMap<string, readonly Problem[]>;
}

/**
 * What `validateSnapshotParts` may take from the validation of an earlier snapshot: the problems of
 * every flag and segment that `changed` does not name are taken from `memo` instead of checked
 * again. A flag's own checks read only the flag and which segment keys exist, so the caller names
 * every flag that was edited or refers to a segment that was added or removed.
 */
export interface ValidationReuse {
  readonly memo: ValidationMemo;
  changed(area: 'flags' | 'segments', key: string): boolean;
}

/** What the memo holds for every sound flag and segment: one array, not thousands of empty ones. */
const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/** validateSnapshot, with the problems of each flag and segment kept for the next snapshot. */
export function validateSnapshotParts(
  snapshot: unknown,
  reuse?: ValidationReuse,
): { problems: Problem[]; memo: ValidationMemo } {
  const out = new Collector();
  const memo = {
    flags: new Map<string, readonly Problem[]>(),
    segments: new Map<string, readonly Problem[]>(),
  };
  if (!isPlainObject(snapshot)) {
    out.add('', 'INVALID_TYPE', 'a snapshot must be an object');
    return { problems: out.problems, memo };
  }
  // Checks `key` of `area` into `out`, or replays what the earlier snapshot found for it.
  const each = (area: 'flags' | 'segments', key: string, check: () => void) => {
    const known = reuse !== undefined && !reuse.changed(area, key) ? reuse.memo[area].get(key) : undefined;
    const from = out.problems.length;
    if (known !== undefined) for (const p of known) out.add(p.path, p.code, p.message);
    else check();
    memo[area].set(key, out.problems.length === from ? NO_PROBLEMS : out.problems.slice(from));
  };
  const s = snapshot as unknown as Snapshot;
  if (typeof s.version !== 'number' || !Number.isSafeInteger(s.version) || s.version < 0) {
    out.add('/version', 'INVALID_TYPE', 'version must be a non-negative integer');
  }
  const segments = isPlainObject(s.segments) ? s.segments : {};
  if (!isPlainObject(s.segments))
    out.add('/segments', 'INVALID_TYPE', 'segments must be an object keyed by segment key');
  for (const [key, seg] of Object.entries(segments)) {
    each('segments', key, () => {
      const base = at('', 'segments', key);
      checkSegment(out, base, seg);
      if (isPlainObject(seg) && seg.key !== key)
        out.add(at(base, 'key'), 'KEY_MISMATCH', `key must equal ${key}`);
    });
  }
  const flags = isPlainObject(s.flags) ? s.flags : {};
  if (!isPlainObject(s.flags)) out.add('/flags', 'INVALID_TYPE', 'flags must be an object keyed by flag key');
  const sound = new Map<string, Flag>();
  for (const [key, flag] of Object.entries(flags)) {
    each('flags', key, () => {
      const base = at('', 'flags', key);
      checkFlag(out, base, flag, { segments });
      if (isPlainObject(flag) && flag.key !== key)
        out.add(at(base, 'key'), 'KEY_MISMATCH', `key must equal ${key}`);
    });
    if (isPlainObject(flag) && Array.isArray(flag.prerequisites)) sound.set(key, flag as unknown as Flag);
  }
  for (const [key, issue] of analysePrerequisites(sound)) {
    out.add(at('', 'flags', key, 'prerequisites', issue.index), issue.code, issue.message);
  }
  if (s.config !== undefined) {
    if (!isPlainObject(s.config))
      out.add('/config', 'INVALID_TYPE', 'config must be an object keyed by name');
    else {
      for (const [key, entry] of Object.entries(s.config)) {
        const base = at('', 'config', key);
        if (!isPlainObject(entry) || !CONFIG_TYPES.has(entry.type as string)) {
          out.add(base, 'INVALID_CONFIG', 'a config entry is {type: string|number|boolean|json, value}');
        } else if (!valueMatchesKind(entry.type as string, entry.value)) {
          out.add(at(base, 'value'), 'INVALID_CONFIG', `value is not a ${String(entry.type)}`);
        }
      }
    }
  }
  return { problems: out.problems, memo };
}

const PREREQUISITE_CODES = new Set<ProblemCode>([
  'UNKNOWN_PREREQUISITE',
  'PREREQUISITE_CYCLE',
  'PREREQUISITE_TOO_DEEP',
]);

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `validateSnapshotParts` as `compile` takes it: the first problem of each flag and segment by key. */
export const snapshotValidator: SnapshotValidator = (snapshot, reuse) => {
  const { problems, memo } = validateSnapshotParts(snapshot, reuse);
  const flags = new Map<string, Problem>();
  const segments = new Map<string, Problem>();
  const prerequisites = new Map<string, Problem>();
  for (const p of problems) {
    const [, area, rawKey] = p.path.split('/');
    if (rawKey === undefined) continue;
    const key = unescapePointer(rawKey);
    if (area === 'segments' && !segments.has(key)) segments.set(key, p);
    if (area === 'flags') {
      const graph =
        PREREQUISITE_CODES.has(p.code) ||
        (p.code === 'UNKNOWN_VARIATION' && p.path.includes('/prerequisites/'));
      const byKey = graph ? prerequisites : flags;
      if (!byKey.has(key)) byKey.set(key, p);
    }
  }
  return { problems, memo, flags, segments, prerequisites };
};
