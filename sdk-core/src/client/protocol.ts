// The wire formats of the delivery protocol (docs/delivery-protocol.md), checked on arrival so a
// malformed message is reported and dropped instead of reaching the evaluator.
import type { ConfigEntry, Flag, Segment, Snapshot } from '../model.js';
import { FlagstaffError } from './flagstaff-error.js';

export const SNAPSHOT_PATH = 'sdk/v1/snapshot';
export const STREAM_PATH = 'sdk/v1/stream';

/** A `patch` event: what changed between `from` and `version`; null removes the entry. */
export interface SnapshotPatch {
  from: number;
  version: number;
  flags: Record<string, Flag | null>;
  segments: Record<string, Segment | null>;
  config: Record<string, ConfigEntry | null>;
  /** The snapshot this patch leads to was validated by the server (see Snapshot.validated). */
  validated?: true;
}

type Json = Record<string, unknown>;

const isMap = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const isVersion = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
/** A patch's flags, segments or config: absent, or a map of objects and nulls (removals). */
const isPatchMap = (x: unknown) =>
  x === undefined || (isMap(x) && Object.values(x).every((v) => v === null || isMap(v)));

/** A snapshot from `GET /sdk/v1/snapshot` or a `snapshot` event. Unknown fields are dropped. */
export function parseSnapshot(data: unknown): Snapshot {
  if (!isMap(data) || !isVersion(data.version) || !isMap(data.flags)) {
    throw new FlagstaffError('PROTOCOL', 'a snapshot needs an integer version ≥ 0 and a flags map');
  }
  const { segments, config } = data;
  const snapshot: Snapshot = {
    version: data.version,
    flags: data.flags as Snapshot['flags'],
    segments: (isMap(segments) ? segments : {}) as Snapshot['segments'],
    config: (isMap(config) ? config : {}) as Snapshot['config'],
  };
  if (data.validated === true) snapshot.validated = true;
  return snapshot;
}

export function parsePatch(data: unknown): SnapshotPatch {
  if (
    !isMap(data) ||
    !isVersion(data.from) ||
    !isVersion(data.version) ||
    data.version <= data.from ||
    !isPatchMap(data.flags) ||
    !isPatchMap(data.segments) ||
    !isPatchMap(data.config)
  ) {
    throw new FlagstaffError(
      'PROTOCOL',
      'a patch needs integer versions from < version and maps of objects or null',
    );
  }
  const out: SnapshotPatch = {
    from: data.from,
    version: data.version,
    flags: (data.flags ?? {}) as SnapshotPatch['flags'],
    segments: (data.segments ?? {}) as SnapshotPatch['segments'],
    config: (data.config ?? {}) as SnapshotPatch['config'],
  };
  if (data.validated === true) out.validated = true;
  return out;
}
