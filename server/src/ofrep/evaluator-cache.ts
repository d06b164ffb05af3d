import { compile, type Evaluator } from '@flagstaff/sdk-core';
import { Injectable } from '@nestjs/common';
import { SnapshotCache } from '../delivery/snapshot-cache.js';
import type { SnapshotEntry } from '../delivery/snapshot-entry.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';

/**
 * sdk-core evaluators compiled from the delivery's cached snapshots: once per (environment,
 * version, key kind). Each lives exactly as long as the SnapshotCache keeps its snapshot entry (a
 * WeakMap keyed by the entry), so this cache needs no eviction of its own and never holds a
 * version the snapshot cache has let go.
 */
@Injectable()
export class EvaluatorCache {
  private readonly compiled = new WeakMap<SnapshotEntry, Evaluator>();

  constructor(private readonly snapshots: SnapshotCache) {}

  /** The evaluator of the environment's current snapshot for this kind of key. */
  async current(environmentId: string, kind: SdkKeyKind): Promise<Evaluator> {
    const entry = await this.snapshots.current(environmentId, kind);
    let evaluator = this.compiled.get(entry);
    if (!evaluator) {
      // Synchronous, so concurrent requests for a new entry never compile it twice.
      evaluator = compile(entry.snapshot);
      this.compiled.set(entry, evaluator);
    }
    return evaluator;
  }
}
