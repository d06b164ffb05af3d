import { Injectable } from '@nestjs/common';

/**
 * Counters of SDK delivery on this instance, for /metrics. Read-only to everyone but delivery:
 * the totals only grow; `openStreams` is a gauge.
 */
@Injectable()
export class DeliveryStats {
  private streams = 0;
  private streamsOpened = 0;
  private slowStreams = 0;
  private builds = 0;
  private incrementalBuilds = 0;
  private memoryHits = 0;
  private storeHits = 0;
  private secretsLeftOut = 0;
  private snapshotEvents = 0;
  private patchEvents = 0;

  /** Streams open now. */
  get openStreams(): number {
    return this.streams;
  }
  /** Streams accepted since start. */
  get streamsOpenedTotal(): number {
    return this.streamsOpened;
  }
  /** Times a stream fell behind (its socket buffer full) and was later caught up with one event. */
  get slowStreamsTotal(): number {
    return this.slowStreams;
  }
  /** Snapshots built from the database. */
  get snapshotBuildsTotal(): number {
    return this.builds;
  }
  /** Of those, built from the version before by reading only what changed. */
  get snapshotIncrementalBuildsTotal(): number {
    return this.incrementalBuilds;
  }
  /** Snapshots served from this instance's memory. */
  get snapshotMemoryHitsTotal(): number {
    return this.memoryHits;
  }
  /** Snapshots found in the shared store (Redis) that another instance built. */
  get snapshotStoreHitsTotal(): number {
    return this.storeHits;
  }
  /** Secrets that could not be decrypted and were left out of a snapshot. */
  get secretsLeftOutTotal(): number {
    return this.secretsLeftOut;
  }
  /** `snapshot` events written to streams. */
  get snapshotEventsTotal(): number {
    return this.snapshotEvents;
  }
  /** `patch` events written to streams. */
  get patchEventsTotal(): number {
    return this.patchEvents;
  }

  recordStreamOpened(): void {
    this.streams += 1;
    this.streamsOpened += 1;
  }
  recordStreamClosed(): void {
    this.streams -= 1;
  }
  recordSlowStream(): void {
    this.slowStreams += 1;
  }
  recordBuild(incremental: boolean): void {
    this.builds += 1;
    if (incremental) this.incrementalBuilds += 1;
  }
  recordMemoryHit(): void {
    this.memoryHits += 1;
  }
  recordStoreHit(): void {
    this.storeHits += 1;
  }
  recordSecretLeftOut(): void {
    this.secretsLeftOut += 1;
  }
  recordEvents(event: 'snapshot' | 'patch', count: number): void {
    if (event === 'snapshot') this.snapshotEvents += count;
    else this.patchEvents += count;
  }
}
