// The snapshot a client serves and its compiled evaluator. A snapshot is compiled once per
// version; the last good one is kept until a newer one is applied.
import { compile } from '../compile.js';
import type { Evaluator } from '../evaluator.js';
import type { Snapshot } from '../model.js';
import { changedKeys, type ChangedKeys, type Touched } from './changes.js';
import type { SnapshotPatch } from './protocol.js';

export type SnapshotOrigin = 'bootstrap' | 'server';

export interface AppliedSnapshot extends ChangedKeys {
  version: number;
  /** True when this is the first snapshot the store holds. */
  first: boolean;
}

export type PatchOutcome =
  | ({ kind: 'applied' } & AppliedSnapshot)
  /** The patch follows a version this store does not hold: changes in between were missed. */
  | { kind: 'gap'; held: number | undefined }
  /** The patch leads to a version already held (or older). */
  | { kind: 'behind' };

/** What another store already made of a snapshot (see sdk-node's SharedSnapshotStore). */
export interface CompiledVersion {
  evaluator: Evaluator;
  /** For a patch: what it changed, when already known. */
  changed?: ChangedKeys;
}

interface Held {
  snapshot: Snapshot;
  evaluator: Evaluator;
  origin: SnapshotOrigin;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

export class SnapshotStore {
  #held: Held | undefined;

  /** The evaluator of the snapshot held, or undefined before the first one. */
  get evaluator(): Evaluator | undefined {
    return this.#held?.evaluator;
  }

  get snapshot(): Snapshot | undefined {
    return this.#held?.snapshot;
  }

  get version(): number | undefined {
    return this.#held?.snapshot.version;
  }

  /**
   * The version last received from the server, which `Last-Event-ID`, `If-None-Match` and patches
   * are based on. A bootstrap snapshot has none: its version may come from another environment.
   */
  get serverVersion(): number | undefined {
    return this.#held?.origin === 'server' ? this.#held.snapshot.version : undefined;
  }

  /**
   * Holds `snapshot` unless a server snapshot of the same or a newer version is held (versions
   * only grow: an older one comes from an instance that has not caught up). Returns what changed,
   * or undefined when nothing was applied.
   */
  replace(snapshot: Snapshot, origin: SnapshotOrigin): AppliedSnapshot | undefined {
    return origin === 'server' && snapshot.version <= (this.serverVersion ?? -1)
      ? undefined
      : this.hold(snapshot, origin);
  }

  applyPatch(patch: SnapshotPatch): PatchOutcome {
    const held = this.serverVersion;
    if (held !== undefined && patch.version <= held) return { kind: 'behind' };
    if (held === undefined || patch.from !== held) return { kind: 'gap', held };
    const base = this.#held!.snapshot;
    const next: Snapshot = {
      version: patch.version,
      flags: { ...base.flags },
      segments: { ...base.segments },
      config: { ...base.config },
    };
    if (patch.validated === true) next.validated = true;
    for (const name of ['flags', 'segments', 'config'] as const) {
      const into: Record<string, unknown> = next[name];
      for (const [k, v] of Object.entries(patch[name])) {
        if (v === null) delete into[k];
        else into[k] = v;
      }
    }
    const touched = {
      flags: Object.keys(patch.flags),
      segments: Object.keys(patch.segments),
      config: Object.keys(patch.config),
    };
    return { kind: 'applied', ...this.hold(next, 'server', touched) };
  }

  /**
   * Holds `snapshot` as it is. A patch (`touched` given) recompiles only what it changed, a full
   * snapshot is compiled from scratch, unless `compiled` brings what another store made of it.
   */
  protected hold(
    snapshot: Snapshot,
    origin: SnapshotOrigin,
    touched?: Touched,
    compiled?: CompiledVersion,
  ): AppliedSnapshot {
    const before = this.#held;
    const changed =
      before === undefined
        ? undefined
        : (compiled?.changed ?? changedKeys(before.snapshot, snapshot, touched));
    const evaluator =
      compiled?.evaluator ??
      (changed !== undefined && touched !== undefined
        ? compile(snapshot, before!.evaluator, {
            flags: new Set(changed.keys),
            segments: new Set(changed.segmentKeys),
          })
        : compile(snapshot));
    // Config values are handed to callers as they are: freeze them so no caller edits the store.
    deepFreeze(snapshot.config);
    this.#held = { snapshot, evaluator, origin };
    return {
      version: snapshot.version,
      first: !changed,
      ...(changed ?? { keys: [], configKeys: [], segmentKeys: [] }),
    };
  }
}
