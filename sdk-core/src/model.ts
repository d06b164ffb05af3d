// The flag model and snapshot format: what the server stores, what the snapshot ships, what every SDK
// compiles. Plain JSON throughout, so a snapshot can be written, diffed and cached as text.

/** Any JSON value. Variation values of `json` flags and config entries of type `json` are these. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** What a flag serves: `json` flags serve any JSON value, read with `objectDetail`. */
export type FlagKind = 'boolean' | 'string' | 'number' | 'json';

/** The value type a caller asks for; `object` reads `json` flags. */
export type ValueType = 'boolean' | 'string' | 'number' | 'object';

export type FlagValue = boolean | string | number | JsonValue;

export type FlagMetadata = Readonly<Record<string, string | number | boolean>>;

export interface Variation {
  /** Stable key, referenced by targets, rules, rollouts and prerequisites; reported as `variant`. */
  key: string;
  value: JsonValue;
  name?: string;
  description?: string;
}

/** Serves `variation` to every context whose `targetingKey` is listed. */
export interface Target {
  variation: string;
  values: string[];
}

export type Operator =
  | 'in'
  | 'startsWith'
  | 'endsWith'
  | 'contains'
  | 'matches'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'before'
  | 'after'
  | 'semverEq'
  | 'semverLt'
  | 'semverLte'
  | 'semverGt'
  | 'semverGte'
  | 'exists'
  | 'segmentMatch';

/** Clause values are strings, numbers or booleans; `segmentMatch` lists segment keys, `exists` none. */
export type ClauseValue = string | number | boolean;

export interface Clause {
  /** Context attribute: a top-level name, or a dotted path into nested objects (see docs). */
  attribute: string;
  op: Operator;
  values: ClauseValue[];
  negate?: boolean;
}

export interface WeightedVariation {
  variation: string;
  /** Units of 0.001 %: 100000 is everyone. */
  weight: number;
}

export interface Rollout {
  /** Attribute whose value is hashed; defaults to `targetingKey`. */
  bucketBy?: string;
  weights: WeightedVariation[];
}

export type Serve = { variation: string } | { rollout: Rollout };

export interface Rule {
  id: string;
  description?: string;
  clauses: Clause[];
  serve: Serve;
}

export interface Prerequisite {
  flag: string;
  /** The prerequisite flag must be enabled and serve this variation. */
  variation: string;
}

export interface Flag {
  key: string;
  kind: FlagKind;
  name?: string;
  description?: string;
  variations: Variation[];
  metadata?: Record<string, string | number | boolean>;
  enabled: boolean;
  offVariation?: string;
  targets: Target[];
  rules: Rule[];
  fallthrough: Serve;
  prerequisites: Prerequisite[];
  /** Bucketing salt; defaults to the flag key. Flags of one release may share one. */
  salt?: string;
  /** Delivered to client-side SDKs (client keys); sdk-core ignores it. */
  clientSide?: boolean;
}

export interface SegmentRule {
  id?: string;
  clauses: Clause[];
  /** Optional: only this share of the contexts matching the clauses (units of 0.001 %). */
  rollout?: { weight: number; bucketBy?: string };
}

export interface Segment {
  key: string;
  name?: string;
  description?: string;
  /** targetingKeys always in the segment (checked first). */
  included: string[];
  /** targetingKeys never in the segment (checked before the rules). */
  excluded: string[];
  rules: SegmentRule[];
  /** Salt for segment rule rollouts; defaults to the segment key. */
  salt?: string;
}

export type ConfigType = 'string' | 'number' | 'boolean' | 'json';

/** A typed configuration value delivered with the snapshot; sdk-core carries it, never evaluates it. */
export interface ConfigEntry {
  type: ConfigType;
  value: JsonValue;
  secret?: boolean;
}

/**
 * What `GET /sdk/v1/snapshot` returns for one environment. Maps are keyed by the flag/segment key,
 * which must equal the object's own `key`.
 */
export interface Snapshot {
  version: number;
  flags: Record<string, Flag>;
  segments: Record<string, Segment>;
  config: Record<string, ConfigEntry>;
  /**
   * Set by the server when sdk-core's validation found no problem in this snapshot: an SDK may
   * then compile it without validating it again (the browser SDK then never loads the validator).
   */
  validated?: true;
}

/**
 * The evaluation context (OpenFeature style). `targetingKey` is the identity used by targets and,
 * by default, by rollouts; every other attribute is free-form.
 */
export interface EvaluationContext {
  targetingKey?: string;
  [attribute: string]: unknown;
}

/** OpenFeature resolution reasons. */
export type Reason = 'STATIC' | 'DEFAULT' | 'TARGETING_MATCH' | 'SPLIT' | 'DISABLED' | 'ERROR';

/** OpenFeature error codes. */
export type ErrorCode =
  | 'FLAG_NOT_FOUND'
  | 'TYPE_MISMATCH'
  | 'TARGETING_KEY_MISSING'
  | 'INVALID_CONTEXT'
  | 'PARSE_ERROR'
  | 'GENERAL';

export interface EvaluationDetail<T> {
  value: T;
  /** The served variation's key; absent when the caller's default was returned. */
  variant?: string;
  reason: Reason;
  errorCode?: ErrorCode;
  errorMessage?: string;
  flagMetadata: FlagMetadata;
}
