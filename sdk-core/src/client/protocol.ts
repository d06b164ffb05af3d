// The wire formats of the delivery protocol (docs/delivery-protocol.md), checked on arrival so a
// malformed message is reported and dropped instead of reaching the evaluator.
import type { ConfigEntry, Flag, Segment, Snapshot } from '../model.js';
import { isPlainObject } from '../json.js';
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

const isVersion = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
/** A patch's flags, segments or config: absent, or a map of objects and nulls (removals). */
const isPatchMap = (x: unknown) =>
  x === undefined || (isPlainObject(x) && Object.values(x).every((v) => v === null || isPlainObject(v)));
const MAPS = ['flags', 'segments', 'config'] as const;

/** A snapshot, or (`patch` true) a patch: checked, its missing maps filled in, unknown fields dropped. */
function readMessage(data: unknown, patch: boolean): Json {
  if (
    !isPlainObject(data) ||
    !isVersion(data.version) ||
    (patch
      ? !isVersion(data.from) || data.version <= data.from || !MAPS.every((k) => isPatchMap(data[k]))
      : !isPlainObject(data.flags))
  ) {
    throw new FlagstaffError(
      'PROTOCOL',
      patch
        ? 'a patch needs integer versions from < version and maps of objects or null'
        : 'a snapshot needs an integer version ≥ 0 and a flags map',
    );
  }
  const out: Json = patch ? { from: data.from, version: data.version } : { version: data.version };
  for (const k of MAPS) out[k] = isPlainObject(data[k]) ? data[k] : {};
  if (data.validated === true) out.validated = true;
  return out;
}

/** A snapshot from `GET /sdk/v1/snapshot` or a `snapshot` event. Unknown fields are dropped. */
export const parseSnapshot = (data: unknown): Snapshot => readMessage(data, false) as unknown as Snapshot;

export const parsePatch = (data: unknown): SnapshotPatch =>
  readMessage(data, true) as unknown as SnapshotPatch;
