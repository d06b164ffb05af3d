// Small builders for hand-written snapshots: tests, bootstrap files and offline mode.
import { BUCKETS } from './bucket.js';
import type { Flag, Serve, Snapshot } from './model.js';

/** A boolean flag with variations `on` (true) and `off` (false), on, serving `on` to everyone. */
export function booleanFlag(key: string, overrides: Partial<Flag> = {}): Flag {
  return {
    key,
    kind: 'boolean',
    variations: [
      { key: 'on', value: true },
      { key: 'off', value: false },
    ],
    enabled: true,
    offVariation: 'off',
    targets: [],
    rules: [],
    fallthrough: { variation: 'on' },
    prerequisites: [],
    ...overrides,
  };
}

/**
 * Serves `on` to `onWeight` of BUCKETS (100000 = everyone; 25000 = 25 %) and `off` to the rest,
 * for the `booleanFlag` variations.
 */
export function onOffRollout(onWeight: number, bucketBy?: string): Serve {
  return {
    rollout: {
      ...(bucketBy === undefined ? {} : { bucketBy }),
      weights: [
        { variation: 'on', weight: onWeight },
        { variation: 'off', weight: BUCKETS - onWeight },
      ],
    },
  };
}

/** A snapshot at version 1 holding `flags` (no segments, no config). */
export function snapshotOf(...flags: Flag[]): Snapshot {
  return { version: 1, flags: Object.fromEntries(flags.map((f) => [f.key, f])), segments: {}, config: {} };
}
