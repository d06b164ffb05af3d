// Clients of one SDK key in one process are sent the same snapshots and patches, and a version
// names one snapshot content: the first store to reach a version compiles it, the others take its
// snapshot and evaluator (both immutable) instead of compiling their own. Keyed by share key
// (server and SDK key), with a count of the stores using it so that nothing outlives them. A
// process with many clients of a key is a server's concern, so this lives in sdk-node, not in
// the client layer browsers load.
import type { Evaluator, Snapshot } from '@flagstaff/sdk-core';
import {
  SnapshotStore,
  type AppliedSnapshot,
  type ChangedKeys,
  type PatchOutcome,
  type SnapshotOrigin,
  type SnapshotPatch,
} from '@flagstaff/sdk-core/client';

/** A server snapshot one store reached, for the other stores of its share key. */
interface SharedVersion {
  readonly snapshot: Snapshot;
  readonly evaluator: Evaluator;
  /** For a snapshot reached by a patch: the version patched and what the patch changed. */
  readonly patched?: { from: number; changed: ChangedKeys };
}

interface Share {
  stores: number;
  latest: SharedVersion | undefined;
}

const shares = new Map<string, Share>();

export class SharedSnapshotStore extends SnapshotStore {
  readonly #shareKey: string;
  #share: Share | undefined;

  /** `shareKey`: the server and SDK key whose clients share compiled versions. */
  constructor(shareKey: string) {
    super();
    this.#shareKey = shareKey;
    let share = shares.get(shareKey);
    if (share === undefined) shares.set(shareKey, (share = { stores: 0, latest: undefined }));
    share.stores++;
    this.#share = share;
  }

  /** Stops sharing (the client closed); the snapshot held stays readable. Idempotent. */
  release(): void {
    const share = this.#share;
    if (share === undefined) return;
    this.#share = undefined;
    if (--share.stores === 0) shares.delete(this.#shareKey);
  }

  override replace(snapshot: Snapshot, origin: SnapshotOrigin): AppliedSnapshot | undefined {
    const latest = origin === 'server' ? this.#share?.latest : undefined;
    const held = this.serverVersion;
    if (latest?.snapshot.version === snapshot.version && (held === undefined || held < snapshot.version)) {
      return this.hold(latest.snapshot, origin, undefined, { evaluator: latest.evaluator });
    }
    const applied = super.replace(snapshot, origin);
    if (applied !== undefined && origin === 'server' && this.#share !== undefined) {
      this.#share.latest = { snapshot: this.snapshot!, evaluator: this.evaluator! };
    }
    return applied;
  }

  override applyPatch(patch: SnapshotPatch): PatchOutcome {
    const latest = this.#share?.latest;
    if (
      this.serverVersion === patch.from &&
      latest?.patched?.from === patch.from &&
      latest.snapshot.version === patch.version
    ) {
      // Copies: each client hands its lists to its own listeners.
      const { keys, configKeys, segmentKeys } = latest.patched.changed;
      const changed = { keys: [...keys], configKeys: [...configKeys], segmentKeys: [...segmentKeys] };
      return {
        kind: 'applied',
        ...this.hold(latest.snapshot, 'server', undefined, { evaluator: latest.evaluator, changed }),
      };
    }
    const outcome = super.applyPatch(patch);
    if (outcome.kind === 'applied' && this.#share !== undefined) {
      const { keys, configKeys, segmentKeys } = outcome;
      this.#share.latest = {
        snapshot: this.snapshot!,
        evaluator: this.evaluator!,
        patched: { from: patch.from, changed: { keys, configKeys, segmentKeys } },
      };
    }
    return outcome;
  }
}
