import type { Prerequisite, Rollout, Rule, Serve, Target, Variation } from '@flagstaff/sdk-core';
import { randomUUID } from 'node:crypto';
import type { FlagConfigInput, FlagServeInput } from './dto/flag-config.input.js';
import type { FlagConfigEntity } from './flag-config.entity.js';
import type { FlagEntity } from './flag.entity.js';
import { clauseFromInput } from '../targeting/clause.input.js';

/**
 * What one flag does in one environment, as stored, recorded in revisions, diffed and copied.
 * Built from client input without judging it: `validateFlag` does that, with paths into this shape,
 * which are also the paths into `FlagConfigInput`.
 */
export interface FlagConfigRecord {
  readonly enabled: boolean;
  readonly offVariation: string | null;
  readonly targets: Target[];
  readonly rules: Rule[];
  readonly fallthrough: Serve;
  readonly prerequisites: Prerequisite[];
  readonly salt: string | null;
}

export function flagConfigRecord(
  c: Omit<FlagConfigEntity, 'environmentId' | 'version' | 'updatedAt'>,
): FlagConfigRecord {
  return {
    enabled: c.enabled,
    offVariation: c.offVariation,
    targets: c.targets,
    rules: c.rules,
    fallthrough: c.fallthrough,
    prerequisites: c.prerequisites,
    salt: c.salt,
  };
}

/** The variation a boolean flag naturally serves when off (value false) or on (value true). */
export function booleanVariation(variations: readonly Variation[], value: boolean): string | undefined {
  return variations.find((v) => v.value === value)?.key;
}

/**
 * The configuration of an environment that has no stored one (created after the flag): disabled,
 * off = the variation whose value is false for boolean flags (none for other kinds, so callers get
 * their own default), falling through to the "on" variation or the first one.
 */
export function defaultFlagConfig(flag: Pick<FlagEntity, 'kind' | 'variations'>): FlagConfigRecord {
  const isBoolean = flag.kind === 'boolean';
  const on = (isBoolean ? booleanVariation(flag.variations, true) : undefined) ?? flag.variations[0]?.key;
  return newFlagConfig(isBoolean ? (booleanVariation(flag.variations, false) ?? null) : null, on ?? '');
}

/** A disabled configuration serving `fallthrough` once enabled, with nothing else set. */
export function newFlagConfig(offVariation: string | null, fallthrough: string): FlagConfigRecord {
  return {
    enabled: false,
    offVariation,
    targets: [],
    rules: [],
    fallthrough: { variation: fallthrough },
    prerequisites: [],
    salt: null,
  };
}

function serveFromInput(input: FlagServeInput | null | undefined): Serve {
  // Both or neither given stays visible to validateFlag, which reports INVALID_SERVE at this path.
  const serve: Record<string, unknown> = {};
  if (input?.variation != null) serve.variation = input.variation;
  if (input?.rollout != null) {
    const rollout: Rollout = {
      weights: (input.rollout.weights ?? []).map((w) => ({ variation: w.variation, weight: w.weight })),
    };
    if (input.rollout.bucketBy != null) rollout.bucketBy = input.rollout.bucketBy;
    serve.rollout = rollout;
  }
  return serve as Serve;
}

export function flagConfigFromInput(input: FlagConfigInput): FlagConfigRecord {
  return {
    enabled: input.enabled,
    offVariation: input.offVariation ?? null,
    targets: (input.targets ?? []).map((t) => ({ variation: t.variation, values: t.values })),
    rules: (input.rules ?? []).map((r) => {
      const rule: Rule = {
        id: r.id ?? randomUUID(),
        clauses: r.clauses.map(clauseFromInput),
        serve: serveFromInput(r.serve),
      };
      if (r.description != null && r.description !== '') rule.description = r.description;
      return rule;
    }),
    fallthrough: serveFromInput(input.fallthrough),
    prerequisites: (input.prerequisites ?? []).map((p) => ({ flag: p.flag, variation: p.variation })),
    salt: input.salt ?? null,
  };
}

/** A configuration recorded by a revision, read back for restoring; validateFlag judges it. */
export function flagConfigFromRevision(after: Record<string, unknown>): FlagConfigRecord {
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return {
    enabled: after.enabled === true,
    offVariation: typeof after.offVariation === 'string' ? after.offVariation : null,
    targets: list<Target>(after.targets),
    rules: list<Rule>(after.rules),
    fallthrough: (after.fallthrough ?? {}) as Serve,
    prerequisites: list<Prerequisite>(after.prerequisites),
    salt: typeof after.salt === 'string' ? after.salt : null,
  };
}
