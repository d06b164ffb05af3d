import type { ValidationMemo } from '@flagstaff/sdk-core';
import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, SNAPSHOT_STORE } from '../app/injection-tokens.js';
import type { Logger } from '../logging/logger.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { DeliveryStats } from './delivery-stats.js';
import { SnapshotBuilder, type BuiltSnapshot } from './snapshot-builder.js';
import { SnapshotEntry } from './snapshot-entry.js';
import type { SnapshotStore } from './snapshot-store.js';
import { VersionWatcher } from './version-watcher.js';

/** Snapshots kept in memory: the newest few per environment and kind are what is asked for. */
const MAX_ENTRIES = 256;
/** And at most this many bytes of bodies and encodings (the entries streams use are kept anyway). */
const MAX_BYTES = 128 * 1024 * 1024;

/**
 * Built snapshots per (environment, version, key kind), in this instance's memory (a small LRU).
 * A missing one is built from the newest older one held here, reading only what changed since
 * (SnapshotBuilder.buildFrom); else found in the shared store (Redis, when there is one), which a
 * full build fills; else built in full from the database. Concurrent requests for the same
 * missing snapshot wait for one build.
 *
 * Server snapshots of environments with secrets stay in memory: they are never written to Redis,
 * where they would sit as plaintext; each instance builds those itself.
 */
@Injectable()
export class SnapshotCache {
  private readonly entries = new Map<string, SnapshotEntry>();
  private readonly loading = new Map<string, Promise<SnapshotEntry>>();
  /** Per environment and kind, what validating the newest snapshot built here found (see buildFrom). */
  private readonly validations = new Map<string, { version: number; memo: ValidationMemo }>();
  private readonly log: Logger;

  constructor(
    private readonly builder: SnapshotBuilder,
    private readonly watcher: VersionWatcher,
    private readonly stats: DeliveryStats,
    @Inject(SNAPSHOT_STORE) private readonly store: SnapshotStore | null,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'snapshot-cache' });
  }

  /** The environment's snapshot at its current version (or newer, when a build finds one). */
  async current(environmentId: string, kind: SdkKeyKind): Promise<SnapshotEntry> {
    const version = this.watcher.known(environmentId) ?? (await this.watcher.current(environmentId));
    const key = entryKey(environmentId, version, kind);
    const entry = this.entries.get(key);
    if (entry) {
      this.touch(key, entry);
      this.stats.recordMemoryHit();
      return entry;
    }
    let loading = this.loading.get(key);
    if (!loading) {
      loading = this.load(environmentId, version, kind).finally(() => this.loading.delete(key));
      this.loading.set(key, loading);
    }
    return loading;
  }

  /** The snapshot of exactly this version if memory or the store still has it; never builds. */
  async stored(environmentId: string, version: number, kind: SdkKeyKind): Promise<SnapshotEntry | undefined> {
    const key = entryKey(environmentId, version, kind);
    const entry = this.entries.get(key);
    if (entry) return entry;
    const body = await this.store?.get(environmentId, version, kind);
    return body ? new SnapshotEntry(environmentId, version, kind, body) : undefined;
  }

  private async load(environmentId: string, version: number, kind: SdkKeyKind): Promise<SnapshotEntry> {
    // Built from the version before when this instance holds it: cheaper than the shared store,
    // whose body must be parsed whole. Only full builds are shared: each instance follows on from there.
    const base = this.newestBefore(environmentId, version, kind);
    const next = base && (await this.buildFrom(base, environmentId, kind));
    if (next) return this.built(environmentId, kind, next);
    const body = await this.store?.get(environmentId, version, kind);
    if (body) {
      this.stats.recordStoreHit();
      return this.remember(new SnapshotEntry(environmentId, version, kind, body));
    }
    const built = await this.builder.build(environmentId, kind);
    const entry = this.built(environmentId, kind, built);
    // Not even when a secret was left out (this instance's key cannot open it): another instance
    // would then serve the snapshot without it.
    if (this.store && !built.hasSecrets) {
      void this.store.put(environmentId, entry.version, kind, entry.body);
    }
    return entry;
  }

  private buildFrom(base: SnapshotEntry, environmentId: string, kind: SdkKeyKind) {
    const validated = this.validations.get(`${environmentId}:${kind}`);
    const validation = validated?.version === base.version ? validated.memo : undefined;
    return this.builder.buildFrom({ snapshot: base.snapshot, validation }, environmentId, kind);
  }

  /** Keeps what a build made; only the newest build's validation, which the next one replays. */
  private built(environmentId: string, kind: SdkKeyKind, built: BuiltSnapshot): SnapshotEntry {
    const { snapshot, validation } = built;
    const key = `${environmentId}:${kind}`;
    if (validation && snapshot.version > (this.validations.get(key)?.version ?? -1)) {
      this.validations.set(key, { version: snapshot.version, memo: validation });
    }
    const entry = this.remember(SnapshotEntry.of(environmentId, kind, snapshot));
    // The build may have found a newer version than the one asked for: later requests ask for that.
    this.watcher.observe(environmentId, entry.version);
    return entry;
  }

  /** The newest snapshot in memory of this environment and kind older than `version`. */
  private newestBefore(environmentId: string, version: number, kind: SdkKeyKind): SnapshotEntry | undefined {
    let newest: SnapshotEntry | undefined;
    for (const entry of this.entries.values()) {
      if (entry.environmentId !== environmentId || entry.kind !== kind || entry.version >= version) continue;
      if (!newest || entry.version > newest.version) newest = entry;
    }
    return newest;
  }

  private remember(entry: SnapshotEntry): SnapshotEntry {
    const key = entryKey(entry.environmentId, entry.version, entry.kind);
    const existing = this.entries.get(key);
    if (existing) return existing;
    this.entries.set(key, entry);
    this.evict();
    return entry;
  }

  private touch(key: string, entry: SnapshotEntry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /** Least recently used first; entries grow as encodings are made, so bytes are counted afresh. */
  private evict(): void {
    let bytes = 0;
    for (const entry of this.entries.values()) bytes += entry.bytes;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && bytes <= MAX_BYTES) return;
      this.entries.delete(key);
      bytes -= entry.bytes;
      this.log.debug({ environmentId: entry.environmentId, version: entry.version }, 'snapshot evicted');
    }
  }
}

function entryKey(environmentId: string, version: number, kind: SdkKeyKind): string {
  return `${environmentId}:${version}:${kind}`;
}
