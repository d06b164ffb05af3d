import type { ConfigEntry, Flag, Segment, Snapshot } from '@flagstaff/sdk-core';

/** What changed between two versions of an environment, by the keys `environment_changes` names. */
export interface ChangedKeys {
  readonly flags: ReadonlySet<string>;
  readonly segments: ReadonlySet<string>;
  readonly config: ReadonlySet<string>;
}

/**
 * A `patch` event's data: what an SDK holding version `from` applies to hold `version`. Null
 * removes (archived, deleted, or no longer visible to this key).
 */
export interface SnapshotPatch {
  readonly from: number;
  readonly version: number;
  readonly flags: Record<string, Flag | null>;
  readonly segments: Record<string, Segment | null>;
  readonly config: Record<string, ConfigEntry | null>;
  /** The snapshot at `version` was validated (see Snapshot.validated). */
  readonly validated?: true;
}

/**
 * The patch from version `from` to `next`, picking the changed keys out of `next` (null when
 * absent there).
 *
 * `previous`, the snapshot at `from` for the same key kind, makes it exact for client keys, whose
 * view also depends on flags' `clientSide` and on which segments their rules use: a key visible
 * in neither snapshot is left out (a client never learns it exists), and a segment that became
 * used or unused is in the patch even though the segment itself did not change. Without
 * `previous` every key is taken to have been visible, which holds for server keys only.
 */
export function snapshotPatch(
  from: number,
  next: Snapshot,
  changed: ChangedKeys,
  previous?: Snapshot,
): SnapshotPatch {
  const segmentKeys = new Set(changed.segments);
  if (previous) {
    for (const key of Object.keys(previous.segments)) if (!(key in next.segments)) segmentKeys.add(key);
    for (const key of Object.keys(next.segments)) if (!(key in previous.segments)) segmentKeys.add(key);
  }
  return {
    from,
    version: next.version,
    flags: pick(changed.flags, next.flags, previous?.flags),
    segments: pick(segmentKeys, next.segments, previous?.segments),
    config: pick(changed.config, next.config, previous?.config),
    ...(next.validated ? { validated: true } : {}),
  };
}

function pick<T>(
  keys: Iterable<string>,
  next: Record<string, T>,
  previous: Record<string, T> | undefined,
): Record<string, T | null> {
  const picked: Record<string, T | null> = {};
  for (const key of [...keys].sort()) {
    if (Object.hasOwn(next, key)) picked[key] = next[key]!;
    else if (!previous || Object.hasOwn(previous, key)) picked[key] = null;
  }
  return picked;
}
