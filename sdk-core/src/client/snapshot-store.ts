// The snapshot a client serves and its compiled evaluator. A snapshot is compiled once per
// version; the last good one is kept until a newer one is applied.
import { compile } from '../compile.js';
import type { Evaluator } from '../evaluator.js';
import type { Snapshot } from '../model.js';
import { changedKeys, type ChangedKeys } from './changes.js';
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

/** A server snapshot one store reached, for the other stores of its share key. */
interface SharedVersion {
  readonly snapshot: Snapshot;
  readonly evaluator: Evaluator;
  /** For a snapshot reached by a patch: the version patched and what the patch changed. */
  readonly patched?: { from: number; changed: ChangedKeys };
}

/**
 * Clients of one SDK key in one process are sent the same snapshots and patches, and a version
 * names one snapshot content: the first store to reach a version compiles it, the others take its
 * snapshot and evaluator (both immutable) instead of compiling their own. Keyed by share key
 * (server and SDK key), with a count of the stores using it so that nothing outlives them.
 */
const sharedVersions = new Map<string, { stores: number; latest: SharedVersion | undefined }>();

export class SnapshotStore {
  private held: Held | undefined;
  private shared: { stores: number; latest: SharedVersion | undefined } | undefined;

  /** `shareKey` (server and SDK key) lets stores of one key share compiled versions; see sharedVersions. */
  constructor(private readonly shareKey?: string) {
    if (shareKey === undefined) return;
    let entry = sharedVersions.get(shareKey);
    if (entry === undefined) sharedVersions.set(shareKey, (entry = { stores: 0, latest: undefined }));
    entry.stores++;
    this.shared = entry;
  }

  /** Stops sharing (the client closed); the snapshot held stays readable. Idempotent. */
  release(): void {
    const entry = this.shared;
    if (entry === undefined) return;
    this.shared = undefined;
    if (--entry.stores === 0) sharedVersions.delete(this.shareKey!);
  }

  /** The evaluator of the snapshot held, or undefined before the first one. */
  get evaluator(): Evaluator | undefined {
    return this.held?.evaluator;
  }

  get snapshot(): Snapshot | undefined {
    return this.held?.snapshot;
  }

  get version(): number | undefined {
    return this.held?.snapshot.version;
  }

  /**
   * The version last received from the server, which `Last-Event-ID`, `If-None-Match` and patches
   * are based on. A bootstrap snapshot has none: its version may come from another environment.
   */
  get serverVersion(): number | undefined {
    return this.held?.origin === 'server' ? this.held.snapshot.version : undefined;
  }

  /**
   * Holds `snapshot` unless a server snapshot of the same or a newer version is held (versions
   * only grow: an older one comes from an instance that has not caught up). Returns what changed,
   * or undefined when nothing was applied. Throws SnapshotFormatError when it is not a snapshot.
   */
  replace(snapshot: Snapshot, origin: SnapshotOrigin): AppliedSnapshot | undefined {
    const serverVersion = this.serverVersion;
    if (origin === 'server' && serverVersion !== undefined && snapshot.version <= serverVersion) {
      return undefined;
    }
    const latest = origin === 'server' ? this.shared?.latest : undefined;
    if (latest !== undefined && latest.snapshot.version === snapshot.version) {
      const before = this.held?.snapshot;
      this.held = { snapshot: latest.snapshot, evaluator: latest.evaluator, origin };
      return before === undefined
        ? { version: snapshot.version, first: true, keys: [], configKeys: [], segmentKeys: [] }
        : { version: snapshot.version, first: false, ...changedKeys(before, latest.snapshot) };
    }
    const applied = this.hold(snapshot, origin);
    if (origin === 'server' && this.shared !== undefined) {
      this.shared.latest = { snapshot: this.held!.snapshot, evaluator: this.held!.evaluator };
    }
    return applied;
  }

  applyPatch(patch: SnapshotPatch): PatchOutcome {
    const held = this.serverVersion;
    if (held !== undefined && patch.version <= held) return { kind: 'behind' };
    if (held === undefined || patch.from !== held) return { kind: 'gap', held };
    const latest = this.shared?.latest;
    if (latest?.patched?.from === patch.from && latest.snapshot.version === patch.version) {
      this.held = { snapshot: latest.snapshot, evaluator: latest.evaluator, origin: 'server' };
      // Copies: each client hands its lists to its own listeners.
      const { keys, configKeys, segmentKeys } = latest.patched.changed;
      return {
        kind: 'applied',
        version: patch.version,
        first: false,
        keys: [...keys],
        configKeys: [...configKeys],
        segmentKeys: [...segmentKeys],
      };
    }
    const base = this.held!.snapshot;
    const next: Snapshot = {
      version: patch.version,
      flags: { ...base.flags },
      segments: { ...base.segments },
      config: { ...base.config },
    };
    if (patch.validated === true) next.validated = true;
    for (const [k, v] of Object.entries(patch.flags)) {
      if (v === null) delete next.flags[k];
      else next.flags[k] = v;
    }
    for (const [k, v] of Object.entries(patch.segments)) {
      if (v === null) delete next.segments[k];
      else next.segments[k] = v;
    }
    for (const [k, v] of Object.entries(patch.config)) {
      if (v === null) delete next.config[k];
      else next.config[k] = v;
    }
    const touched = {
      flags: Object.keys(patch.flags),
      segments: Object.keys(patch.segments),
      config: Object.keys(patch.config),
    };
    const applied = this.hold(next, 'server', touched);
    if (this.shared !== undefined) {
      const { keys, configKeys, segmentKeys } = applied;
      this.shared.latest = {
        snapshot: next,
        evaluator: this.held!.evaluator,
        patched: { from: patch.from, changed: { keys, configKeys, segmentKeys } },
      };
    }
    return { kind: 'applied', ...applied };
  }

  private hold(
    snapshot: Snapshot,
    origin: SnapshotOrigin,
    touched?: Parameters<typeof changedKeys>[2],
  ): AppliedSnapshot {
    const before = this.held;
    const changed = before === undefined ? undefined : changedKeys(before.snapshot, snapshot, touched);
    // A patch recompiles only what it changed; a full snapshot is compiled from scratch.
    const evaluator =
      before !== undefined && changed !== undefined && touched !== undefined
        ? compile(snapshot, before.evaluator, {
            flags: new Set(changed.keys),
            segments: new Set(changed.segmentKeys),
          })
        : compile(snapshot);
    // Config values are handed to callers as they are: freeze them so no caller edits the store.
    deepFreeze(snapshot.config);
    this.held = { snapshot, evaluator, origin };
    if (changed === undefined) {
      return { version: snapshot.version, first: true, keys: [], configKeys: [], segmentKeys: [] };
    }
    return { version: snapshot.version, first: false, ...changed };
  }
}
