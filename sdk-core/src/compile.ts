// Compiles a snapshot once into flags whose evaluation walks precomputed structures: target maps,
// clause closures, cumulative weights and salted hash prefixes. Every result a flag can produce
// without the caller's default is built here too, so evaluation returns shared frozen objects.
import { bucketer, bucketValueString } from './bucket.js';
import { attributeReader, compileClause, type ContextPredicate, type SegmentLookup } from './clauses.js';
import { EMPTY_METADATA, makeDetail, messageOf, Resolution } from './detail.js';
import { EMPTY_CONTEXT, Evaluator } from './evaluator.js';
import { isPlainObject } from './json.js';
import type { Trace } from './explain.js';
import type {
  ErrorCode,
  EvaluationContext,
  Flag,
  FlagMetadata,
  FlagValue,
  JsonValue,
  Reason,
  Rollout,
  Rule,
  Segment,
  Serve,
  Snapshot,
  ValueType,
} from './model.js';
import { TRACING } from './tracing.js';
import type { Problem, ValidationMemo, ValidationReuse } from './validate.js';

/** Thrown by `compile` when the input is not a snapshot at all (not an object, or no flags map). */
export class SnapshotFormatError extends Error {
  readonly code = 'SNAPSHOT_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

// Every step takes an optional trace (see explain.ts) and records into it only when given one.
type ServeFn = (context: EvaluationContext, trace?: Trace) => Resolution;

/** A rule (or a merged block of rules): the resolution it serves, or undefined when it does not match. */
type CompiledRule = (context: EvaluationContext, trace?: Trace) => Resolution | undefined;

interface CompiledPrerequisite {
  flag: CompiledFlag;
  variation: number;
}

const VALUE_TYPES: Readonly<Record<string, ValueType>> = {
  boolean: 'boolean',
  string: 'string',
  number: 'number',
  json: 'object',
};

// Fields the constructor sets are `declare`d, so that the browser bundle does not carry each twice
// (a class field and the constructor's assignment); the others are fields, so every flag has them
// from the start and one shape.
export class CompiledFlag {
  declare readonly key: string;
  declare readonly source: Flag;
  /** The value type callers must ask for; undefined for an unknown kind. */
  declare readonly valueType: ValueType | undefined;
  declare readonly enabled: boolean;
  declare readonly metadata: FlagMetadata;
  /** Set when the flag is malformed: every evaluation returns it. */
  parseError: Resolution | undefined;
  /** Set when the prerequisite graph is broken (missing flag, cycle, too deep). */
  prerequisiteError: Resolution | undefined;
  prerequisites: CompiledPrerequisite[] = [];
  targets: Map<string, Resolution> | null = null;
  rules: CompiledRule[] = [];
  declare fallthrough: ServeFn;
  declare disabled: Resolution;
  /** Set when the result cannot depend on the context (disabled, malformed, or static). */
  constant: Resolution | undefined;
  declare readonly variationKeys: readonly string[];
  readonly #prerequisiteFailed: Resolution;
  readonly #values: FlagValue[];
  readonly #table = new Map<string, Resolution>();

  constructor(key: string, source: Flag) {
    this.key = key;
    this.source = source;
    this.valueType = VALUE_TYPES[source.kind];
    this.enabled = source.enabled === true;
    this.metadata = isPlainObject(source.metadata) ? Object.freeze({ ...source.metadata }) : EMPTY_METADATA;
    const variations = Array.isArray(source.variations) ? source.variations : [];
    this.variationKeys = variations.map((v) => v?.key);
    this.#values = variations.map((v) => freezeJson(v?.value ?? null));
    const off = source.offVariation === undefined ? -1 : this.variationKeys.indexOf(source.offVariation);
    this.disabled = this.resolution(off, 'DISABLED');
    this.#prerequisiteFailed = this.resolution(off, 'DEFAULT');
    this.fallthrough = () => this.disabled;
  }

  /** The shared resolution for (variation, reason, error). */
  resolution(variation: number, reason: Reason, errorCode?: ErrorCode, errorMessage?: string): Resolution {
    const id = `${variation}|${reason}|${errorCode ?? ''}|${errorMessage ?? ''}`;
    let r = this.#table.get(id);
    if (!r) {
      // Variation -1 (the caller's default) reads index -1: no value, no variant.
      const detail = makeDetail(
        this.#values[variation],
        this.variationKeys[variation],
        reason,
        errorCode,
        errorMessage,
        this.metadata,
      );
      r = new Resolution(variation, detail);
      this.#table.set(id, r);
    }
    return r;
  }

  /** Throws for a key the flag does not have (validation rules that out; `compile` catches it). */
  variationIndex(key: string): number {
    const i = this.variationKeys.indexOf(key);
    if (i < 0) throw new Error(`no variation ${key}`);
    return i;
  }

  /** Evaluates the flag for `context`; with a `trace`, also records which step decided. */
  resolve(context: EvaluationContext, trace?: Trace): Resolution {
    if (this.parseError !== undefined) return this.parseError;
    if (!this.enabled) {
      if (TRACING && trace !== undefined) trace.step = 'disabled';
      return this.disabled;
    }
    if (this.prerequisiteError !== undefined) return this.prerequisiteError;
    const prereqs = this.prerequisites;
    for (let i = 0; i < prereqs.length; i++) {
      const p = prereqs[i]!;
      // No trace: the prerequisite's own steps must not overwrite this flag's record.
      const r = p.flag.enabled ? p.flag.resolve(context, undefined) : undefined;
      if (r === undefined || r.detail.errorCode !== undefined || r.variation !== p.variation) {
        if (TRACING && trace !== undefined) trace.failedPrerequisite(i, p.flag, p.variation, r);
        return this.#prerequisiteFailed;
      }
    }
    const targets = this.targets;
    if (targets !== null) {
      const tk = context.targetingKey;
      if (typeof tk === 'string') {
        const r = targets.get(tk);
        if (r !== undefined) {
          if (TRACING && trace !== undefined) trace.target(tk);
          return r;
        }
      }
    }
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i]!(context, trace);
      if (r !== undefined) return r;
    }
    if (TRACING && trace !== undefined) trace.step = 'fallthrough';
    return this.fallthrough(context, trace);
  }
}

/** A deep, frozen copy: detail values are shared between callers, so none may change them. */
function freezeJson(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return Object.freeze(value.map(freezeJson)) as JsonValue;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(value)) out[k] = freezeJson(v);
  return Object.freeze(out);
}

function and(preds: ContextPredicate[]): ContextPredicate {
  switch (preds.length) {
    case 0:
      return () => true;
    case 1:
      return preds[0]!;
    case 2: {
      const [a, b] = preds as [ContextPredicate, ContextPredicate];
      return (c) => a(c) && b(c);
    }
    default:
      return (c) => {
        for (let i = 0; i < preds.length; i++) if (!preds[i]!(c)) return false;
        return true;
      };
  }
}

function compileSegment(segment: Segment): ContextPredicate {
  const included = new Set(segment.included);
  const excluded = new Set(segment.excluded);
  const salt = segment.salt ?? segment.key;
  const rules: ContextPredicate[] = segment.rules.map((rule) => {
    const clauses = and(rule.clauses.map((c) => compileClause(c, () => undefined)));
    if (!rule.rollout) return clauses;
    const bucket = bucketer(salt);
    const read = attributeReader(rule.rollout.bucketBy ?? 'targetingKey');
    const weight = rule.rollout.weight;
    return (c) => {
      if (!clauses(c)) return false;
      const s = bucketValueString(read(c));
      return s !== undefined && bucket(s) < weight;
    };
  });
  return (c) => {
    const tk = c.targetingKey;
    if (typeof tk === 'string') {
      if (included.has(tk)) return true;
      if (excluded.has(tk)) return false;
    }
    for (let i = 0; i < rules.length; i++) if (rules[i]!(c)) return true;
    return false;
  };
}

function compileServe(flag: CompiledFlag, serve: Serve, fixedReason: Reason): ServeFn {
  if ('variation' in serve) {
    const r = flag.resolution(flag.variationIndex(serve.variation), fixedReason);
    return () => r;
  }
  return compileRollout(flag, serve.rollout);
}

function compileRollout(flag: CompiledFlag, rollout: Rollout): ServeFn {
  const bucket = bucketer(flag.source.salt ?? flag.key);
  const by = rollout.bucketBy ?? 'targetingKey';
  const read = attributeReader(by);
  const n = rollout.weights.length;
  const upper = new Int32Array(n);
  const served: Resolution[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = rollout.weights[i]!;
    sum += w.weight;
    upper[i] = sum;
    served.push(flag.resolution(flag.variationIndex(w.variation), 'SPLIT'));
  }
  const missing = flag.resolution(
    -1,
    'ERROR',
    'TARGETING_KEY_MISSING',
    by === 'targetingKey' ? 'a rollout needs targetingKey' : `a rollout by ${by} needs that attribute`,
  );
  const invalid = flag.resolution(
    -1,
    'ERROR',
    'INVALID_CONTEXT',
    `${by} must be a string or a finite number`,
  );
  const last = n - 1;
  return (context, trace) => {
    const v = read(context);
    const s = bucketValueString(v);
    if (s === undefined) {
      if (TRACING && trace !== undefined) trace.couldNotBucket(by);
      return v == null || v === '' ? missing : invalid;
    }
    const b = bucket(s);
    // Weights sum to BUCKETS (validated), so the last range holds whatever the others do not.
    let i = 0;
    while (i < last && b >= upper[i]!) i++;
    if (TRACING && trace !== undefined) trace.bucketed(by, b, upper, i);
    return served[i]!;
  };
}

/** Compiles `rule`, which is `flag.rules[index]`. */
function compileRule(flag: CompiledFlag, rule: Rule, index: number, segments: SegmentLookup): CompiledRule {
  const matches = and(rule.clauses.map((c) => compileClause(c, segments)));
  const serve = compileServe(flag, rule.serve, 'TARGETING_MATCH');
  const id = rule.id;
  return (c, trace) => {
    if (!matches(c)) return undefined;
    if (TRACING && trace !== undefined) trace.matchedRule(index, id);
    return serve(c, trace);
  };
}

/** A rule that is one plain `attribute in [values]` clause: the shape of long targeting lists. */
function simpleInAttribute(rule: Rule): string | undefined {
  if (rule.clauses.length !== 1) return undefined;
  const c = rule.clauses[0]!;
  return c.op === 'in' && c.negate !== true && !c.attribute.includes('.') ? c.attribute : undefined;
}

/**
 * Compiles rules in order. A run of consecutive single-clause `in` rules on one attribute becomes
 * one map from value to the first rule listing it, so a context reads the attribute once instead of
 * testing every rule; first-match order is kept (array values fall back to the rules one by one).
 */
function compileRules(flag: CompiledFlag, rules: readonly Rule[], segments: SegmentLookup): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (let i = 0; i < rules.length;) {
    const attribute = simpleInAttribute(rules[i]!);
    let j = i + 1;
    if (attribute !== undefined) while (j < rules.length && simpleInAttribute(rules[j]!) === attribute) j++;
    if (attribute === undefined || j - i < 3) {
      out.push(compileRule(flag, rules[i]!, i, segments));
      i++;
      continue;
    }
    const first = i;
    const run = rules.slice(i, j);
    const serves = run.map((r) => compileServe(flag, r.serve, 'TARGETING_MATCH'));
    const ids = run.map((r) => r.id);
    const sequential = run.map((r, k) => compileRule(flag, r, first + k, segments));
    const index = new Map<unknown, number>();
    run.forEach((r, k) => {
      for (const v of r.clauses[0]!.values) if (!index.has(v)) index.set(v, k);
    });
    out.push((c, trace) => {
      const v = c[attribute];
      if (v == null) return undefined;
      if (Array.isArray(v)) {
        for (let k = 0; k < sequential.length; k++) {
          const r = sequential[k]!(c, trace);
          if (r !== undefined) return r;
        }
        return undefined;
      }
      const k = index.get(v);
      if (k === undefined) return undefined;
      if (TRACING && trace !== undefined) trace.matchedRule(first + k, ids[k]!);
      return serves[k]!(c, trace);
    });
    i = j;
  }
  return out;
}

/** What `compile` needs from validating a snapshot (see `useValidator`). */
export interface Validation {
  readonly problems: readonly Problem[];
  readonly memo: ValidationMemo;
  /** The first problem of each malformed flag (its prerequisite graph aside) and segment. */
  readonly flags: ReadonlyMap<string, Problem>;
  readonly segments: ReadonlyMap<string, Problem>;
  /** The first problem of each flag's prerequisite graph: missing flag or variation, cycle, too deep. */
  readonly prerequisites: ReadonlyMap<string, Problem>;
}

/** Validates a snapshot; with `reuse`, replays what an earlier validation found for what did not change. */
export type SnapshotValidator = (snapshot: Snapshot, reuse?: ValidationReuse) => Validation;

// The validator is registered rather than imported, like the pattern engine (regex.ts): it is over
// a third of the evaluator's weight and a browser rarely needs it, as the server marks the
// snapshots it validated. `@flagstaff/sdk-core` (Node, the server) registers it when it loads; sdk-web loads
// it (validator.ts) only for a snapshot that is not marked `validated`.
let validator: SnapshotValidator | undefined;

/** Sets the validator every later `compile` of a snapshot not marked `validated` uses. */
export function useValidator(next: SnapshotValidator): void {
  validator = next;
}

const NOT_VALIDATED: Problem = {
  path: '',
  code: 'VALIDATOR_MISSING',
  message: 'the snapshot is not validated and no validator is loaded',
};

/** What a compiled snapshot keeps so that the next one can reuse what did not change. */
export interface CompiledParts {
  readonly flags: ReadonlyMap<string, CompiledFlag>;
  /** For a segment that cannot be used: why. */
  readonly segments: ReadonlyMap<string, ContextPredicate | string>;
  /** Undefined for a snapshot the server validated. */
  readonly validation: ValidationMemo | undefined;
}

/**
 * Which entries of a snapshot differ from the one an evaluator was compiled from. `flags` must
 * name every flag whose evaluation may differ: edited, added or removed, using a changed segment,
 * or (transitively) naming such a flag as a prerequisite — what `changedKeys` computes.
 */
export interface SnapshotChanges {
  readonly flags: ReadonlySet<string>;
  readonly segments: ReadonlySet<string>;
}

/**
 * Compiles a snapshot into an `Evaluator`. Never throws for a malformed flag or segment: such a
 * flag evaluates to the caller's default with PARSE_ERROR (a regex that fails validation is never
 * run), and the problems are listed in `evaluator.problems`. Throws `SnapshotFormatError` only
 * when the input is not a snapshot at all.
 *
 * A snapshot marked `validated` (by the server, which found no problem in it) is not validated
 * again; a flag or segment of it that cannot be compiled all the same is a PARSE_ERROR for that
 * flag, or the flags using that segment, alone (problem MALFORMED). Any other snapshot is validated
 * with the registered validator; without one, every flag is a PARSE_ERROR (problem
 * VALIDATOR_MISSING): nothing unchecked is evaluated.
 *
 * With `previous` (the evaluator of the snapshot this one was patched from) and the `changes`
 * between them, only changed flags and segments are validated and compiled again; the others are
 * shared with `previous`. The result is the same as compiling `snapshot` from scratch.
 */
export function compile(snapshot: Snapshot, previous?: Evaluator, changes?: SnapshotChanges): Evaluator {
  if (!isPlainObject(snapshot) || !isPlainObject(snapshot.flags)) {
    throw new SnapshotFormatError('a snapshot is an object with a flags map');
  }
  const validated = snapshot.validated === true;
  const parts = previous?.parts;
  // Shared only between snapshots checked alike: a validated one leaves no memo to replay.
  const before =
    changes !== undefined && parts !== undefined && (parts.validation === undefined) === validated
      ? parts
      : undefined;
  const validation = validated
    ? undefined
    : validator?.(
        snapshot,
        before && { memo: before.validation!, changed: (area, key) => changes![area].has(key) },
      );
  const unchecked = !validated && validation === undefined;
  const problems: Problem[] = unchecked ? [NOT_VALIDATED] : [...(validation?.problems ?? [])];
  /** Records that compiling what `path` points at threw; returns the flag's error message. */
  const malformed = (path: string, e: unknown): string => {
    const message = messageOf(e);
    problems.push({ path, code: 'MALFORMED', message });
    return `${path}: ${message}`;
  };

  const segments = new Map<string, ContextPredicate | string>();
  let brokenSegment = false;
  // Unchecked, no flag is compiled: neither are the segments.
  const segmentSource = !unchecked && isPlainObject(snapshot.segments) ? snapshot.segments : {};
  for (const [key, seg] of Object.entries(segmentSource)) {
    let compiled = changes?.segments.has(key) === false ? before?.segments.get(key) : undefined;
    // What is broken is compiled again, so that its problem is listed again.
    if (typeof compiled !== 'function') {
      const p = validation?.segments.get(key);
      try {
        compiled = p ? `${p.path}: ${p.message}` : compileSegment(seg);
      } catch (e) {
        compiled = malformed(`/segments/${pointer(key)}`, e);
      }
    }
    segments.set(key, compiled);
    brokenSegment ||= typeof compiled === 'string';
  }
  const segmentLookup: SegmentLookup = (k) => {
    const s = segments.get(k);
    return typeof s === 'function' ? s : undefined;
  };

  const flags = new Map<string, CompiledFlag>();
  const fresh: CompiledFlag[] = [];
  for (const [key, source] of Object.entries(snapshot.flags)) {
    const kept = changes?.flags.has(key) === false ? before?.flags.get(key) : undefined;
    const reusable =
      kept !== undefined &&
      kept.parseError === undefined &&
      samePrerequisiteError(kept, validation?.prerequisites.get(key));
    if (reusable) {
      flags.set(key, kept);
      continue;
    }
    const flag = new CompiledFlag(key, isPlainObject(source) ? source : ({} as Flag));
    flags.set(key, flag);
    fresh.push(flag);
  }
  for (const flag of fresh) {
    const parse = validation?.flags.get(flag.key);
    let problem = unchecked ? NOT_VALIDATED.message : parse && `${parse.path}: ${parse.message}`;
    if (problem === undefined) {
      const prerequisiteProblem = validation?.prerequisites.get(flag.key);
      try {
        problem = compileFlag(
          flag,
          flags,
          brokenSegment ? segments : undefined,
          segmentLookup,
          prerequisiteProblem,
        );
      } catch (e) {
        problem = malformed(`/flags/${pointer(flag.key)}`, e);
      }
    }
    if (problem !== undefined) flag.parseError = flag.resolution(-1, 'ERROR', 'PARSE_ERROR', problem);
    flag.constant =
      flag.parseError ?? (flag.enabled ? (flag.prerequisiteError ?? flag.constant) : flag.disabled);
  }
  return new Evaluator(
    snapshot,
    flags,
    problems,
    unchecked ? undefined : { flags, segments, validation: validation?.memo },
  );
}

/** A snapshot key as a JSON Pointer segment (RFC 6901), as validation writes paths. */
function pointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Compiles a flag that validation passed (or a validated snapshot's); throws when it cannot.
 * Returns why the flag is a PARSE_ERROR all the same: it uses a segment that is broken.
 */
function compileFlag(
  flag: CompiledFlag,
  flags: ReadonlyMap<string, CompiledFlag>,
  segments: ReadonlyMap<string, ContextPredicate | string> | undefined,
  segmentLookup: SegmentLookup,
  prerequisiteProblem: Problem | undefined,
): string | undefined {
  const src = flag.source;
  const segmentProblem = segments && referencedBrokenSegment(src, segments);
  if (segmentProblem) return segmentProblem;
  if (prerequisiteProblem) {
    const off = flag.disabled.variation;
    flag.prerequisiteError = flag.resolution(off, 'ERROR', 'GENERAL', prerequisiteProblem.message);
  } else {
    flag.prerequisites = src.prerequisites.map((p) => {
      const target = flags.get(p.flag);
      if (target === undefined) throw new Error(`no prerequisite flag ${p.flag}`);
      return { flag: target, variation: target.variationIndex(p.variation) };
    });
  }
  if (src.targets.length > 0) {
    const map = new Map<string, Resolution>();
    for (const t of src.targets) {
      const r = flag.resolution(flag.variationIndex(t.variation), 'TARGETING_MATCH');
      for (const v of t.values) if (!map.has(v)) map.set(v, r);
    }
    flag.targets = map;
  }
  flag.rules = compileRules(flag, src.rules, segmentLookup);
  const isStatic = src.rules.length === 0 && flag.targets === null && src.prerequisites.length === 0;
  flag.fallthrough = compileServe(flag, src.fallthrough, isStatic ? 'STATIC' : 'DEFAULT');
  if (isStatic && 'variation' in src.fallthrough) flag.constant = flag.fallthrough(EMPTY_CONTEXT);
  return undefined;
}

/** A kept flag is only reusable while its prerequisite graph says what it said before. */
function samePrerequisiteError(flag: CompiledFlag, problem: Problem | undefined): boolean {
  return problem === undefined
    ? flag.prerequisiteError === undefined
    : flag.prerequisiteError?.detail.errorMessage === problem.message;
}

function referencedBrokenSegment(
  flag: Flag,
  segments: ReadonlyMap<string, ContextPredicate | string>,
): string | undefined {
  for (const rule of flag.rules) {
    for (const c of rule.clauses) {
      if (c.op !== 'segmentMatch') continue;
      for (const key of c.values) {
        const why = typeof key === 'string' ? segments.get(key) : undefined;
        if (typeof why === 'string') return `segment ${key} is malformed: ${why}`;
      }
    }
  }
  return undefined;
}
