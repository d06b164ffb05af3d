// Which flags a new snapshot changes for evaluation: flags added, removed or edited, flags whose
// segments changed, and, transitively, flags that name any of those as a prerequisite.
import { jsonEqual } from '../json.js';
import type { Clause, Flag, Prerequisite, Rule, Snapshot } from '../model.js';

export interface ChangedKeys {
  /** Flag keys, sorted. */
  keys: string[];
  /** Configuration entry names, sorted. */
  configKeys: string[];
  /** Segment keys added, removed or edited (what the flags in `keys` may have changed through). */
  segmentKeys: string[];
}

/** Entries touched by a patch; when given, only these are compared. */
export interface Touched {
  flags: Iterable<string>;
  segments: Iterable<string>;
  config: Iterable<string>;
}

function differing<T>(
  before: Record<string, T>,
  after: Record<string, T>,
  candidates = new Set([...Object.keys(before), ...Object.keys(after)]) as Iterable<string>,
): Set<string> {
  const out = new Set<string>();
  for (const k of candidates) {
    if (
      !jsonEqual(
        Object.hasOwn(before, k) ? before[k] : undefined,
        Object.hasOwn(after, k) ? after[k] : undefined,
      )
    ) {
      out.add(k);
    }
  }
  return out;
}

/** `x` if it is an array, else none: flags are read here before they are validated. */
const list = (x: unknown): readonly unknown[] => (Array.isArray(x) ? x : []);

export function changedKeys(before: Snapshot, after: Snapshot, touched?: Touched): ChangedKeys {
  const flags = differing(before.flags, after.flags, touched?.flags);
  const segments = differing(before.segments ?? {}, after.segments ?? {}, touched?.segments);
  const configKeys = [...differing(before.config ?? {}, after.config ?? {}, touched?.config)].sort();

  // Nothing to propagate (a config-only or no-op patch): skip the walk over every flag.
  if (flags.size === 0 && segments.size === 0) return { keys: [], configKeys, segmentKeys: [] };

  // Who depends on whom, in the new snapshot: flags using a changed segment are changed too.
  const dependents = new Map<string, string[]>();
  for (const [key, flag] of Object.entries(after.flags) as [string, Partial<Flag> | undefined][]) {
    for (const rule of segments.size > 0 ? list(flag?.rules) : []) {
      for (const clause of list((rule as Rule | undefined)?.clauses) as (Clause | undefined)[]) {
        if (clause?.op === 'segmentMatch' && list(clause.values).some((v) => segments.has(v as string)))
          flags.add(key);
      }
    }
    for (const p of list(flag?.prerequisites) as (Prerequisite | undefined)[]) {
      if (typeof p?.flag !== 'string') continue;
      const known = dependents.get(p.flag);
      if (known) known.push(key);
      else dependents.set(p.flag, [key]);
    }
  }
  const queue = [...flags];
  while (queue.length > 0) {
    for (const d of dependents.get(queue.pop()!) ?? []) {
      if (!flags.has(d)) {
        flags.add(d);
        queue.push(d);
      }
    }
  }
  return { keys: [...flags].sort(), configKeys, segmentKeys: [...segments].sort() };
}
