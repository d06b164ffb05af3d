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

function isMap(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isVersion(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

function protocolError(message: string): FlagstaffError {
  return new FlagstaffError('PROTOCOL', message);
}

/** A snapshot from `GET /sdk/v1/snapshot` or a `snapshot` event. Unknown fields are dropped. */
export function parseSnapshot(data: unknown): Snapshot {
  if (!isMap(data)) throw protocolError('a snapshot must be a JSON object');
  if (!isVersion(data.version)) throw protocolError('a snapshot needs a non-negative integer version');
  if (!isMap(data.flags)) throw protocolError('a snapshot needs a flags map');
  const snapshot: Snapshot = {
    version: data.version,
    flags: data.flags as Record<string, Flag>,
    segments: (isMap(data.segments) ? data.segments : {}) as Record<string, Segment>,
    config: (isMap(data.config) ? data.config : {}) as Record<string, ConfigEntry>,
  };
  if (data.validated === true) snapshot.validated = true;
  return snapshot;
}

export function parsePatch(data: unknown): SnapshotPatch {
  if (!isMap(data)) throw protocolError('a patch must be a JSON object');
  const { from, version } = data;
  if (!isVersion(from) || !isVersion(version) || version <= from) {
    throw protocolError('a patch needs integer versions with from < version');
  }
  const maps = ['flags', 'segments', 'config'] as const;
  for (const name of maps) {
    const map = data[name];
    if (map === undefined) continue;
    if (!isMap(map)) throw protocolError(`patch.${name} must be a map`);
    for (const [key, value] of Object.entries(map)) {
      if (value !== null && !isMap(value))
        throw protocolError(`patch.${name}.${key} must be an object or null`);
    }
  }
  const patch: SnapshotPatch = {
    from,
    version,
    flags: (data.flags ?? {}) as SnapshotPatch['flags'],
    segments: (data.segments ?? {}) as SnapshotPatch['segments'],
    config: (data.config ?? {}) as SnapshotPatch['config'],
  };
  if (data.validated === true) patch.validated = true;
  return patch;
}
