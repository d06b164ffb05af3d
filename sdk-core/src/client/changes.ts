// Which flags a new snapshot changes for evaluation: flags added, removed or edited, flags whose
// segments changed, and, transitively, flags that name any of those as a prerequisite.
import type { Flag, Snapshot } from '../model.js';

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

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function differing<T>(
  before: Record<string, T>,
  after: Record<string, T>,
  candidates: Iterable<string> | undefined,
): Set<string> {
  const out = new Set<string>();
  const keys = candidates ?? new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of keys) {
    const b = Object.hasOwn(before, k) ? before[k] : undefined;
    const a = Object.hasOwn(after, k) ? after[k] : undefined;
    if (!jsonEqual(b, a)) out.add(k);
  }
  return out;
}

function segmentsUsed(flag: Flag): string[] {
  const out: string[] = [];
  if (!Array.isArray(flag?.rules)) return out;
  for (const rule of flag.rules) {
    if (!Array.isArray(rule?.clauses)) continue;
    for (const clause of rule.clauses) {
      if (clause?.op === 'segmentMatch' && Array.isArray(clause.values)) {
        for (const v of clause.values) if (typeof v === 'string') out.push(v);
      }
    }
  }
  return out;
}

export function changedKeys(before: Snapshot, after: Snapshot, touched?: Touched): ChangedKeys {
  const flags = differing(before.flags, after.flags, touched?.flags);
  const segments = differing(before.segments ?? {}, after.segments ?? {}, touched?.segments);
  const config = differing(before.config ?? {}, after.config ?? {}, touched?.config);

  // Nothing to propagate (a config-only or no-op patch): skip the walk over every flag.
  if (flags.size === 0 && segments.size === 0)
    return { keys: [], configKeys: [...config].sort(), segmentKeys: [] };

  // Who depends on whom, in the new snapshot.
  const dependents = new Map<string, string[]>();
  const link = (on: string, flagKey: string) => {
    const list = dependents.get(on);
    if (list) list.push(flagKey);
    else dependents.set(on, [flagKey]);
  };
  for (const [key, flag] of Object.entries(after.flags)) {
    if (segments.size > 0) for (const s of segmentsUsed(flag)) if (segments.has(s)) flags.add(key);
    if (Array.isArray(flag?.prerequisites)) {
      for (const p of flag.prerequisites) if (typeof p?.flag === 'string') link(p.flag, key);
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
  return { keys: [...flags].sort(), configKeys: [...config].sort(), segmentKeys: [...segments].sort() };
}
