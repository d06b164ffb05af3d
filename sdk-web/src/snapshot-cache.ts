// The last server snapshot in localStorage, so the next page load starts with flags at once (and
// shows them when the server cannot be reached). One entry per client key; an entry that is not
// ours (another format, another key, not a snapshot) is ignored, never trusted.
import type { Snapshot } from '@flagstaff/sdk-core';
import { parseSnapshot, type SafeLogger } from '@flagstaff/sdk-core/client';

/** The part of the Web Storage API the cache uses. */
export interface SnapshotStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const CACHE_FORMAT = 1;
const PREFIX = 'flagstaff:snapshot:';

interface CacheEntry {
  format: typeof CACHE_FORMAT;
  clientKey: string;
  snapshot: Snapshot;
}

/** The storage key of a client key's entry (client keys are public: they ship in the page). */
export function cacheKey(clientKey: string): string {
  return PREFIX + clientKey;
}

export class SnapshotCache {
  private readonly key: string;
  private written: number | undefined;

  constructor(
    private readonly storage: SnapshotStorage,
    private readonly clientKey: string,
    private readonly logger: SafeLogger,
  ) {
    this.key = cacheKey(clientKey);
  }

  /** The cached snapshot of this client key, or undefined (none, unreadable, or not ours). */
  read(): Snapshot | undefined {
    let text: string | null;
    try {
      text = this.storage.getItem(this.key);
    } catch (e) {
      this.logger.debug('cache: localStorage cannot be read:', e);
      return undefined;
    }
    if (text === null) return undefined;
    try {
      const entry = JSON.parse(text) as Partial<CacheEntry> | null;
      if (entry?.format !== CACHE_FORMAT || entry.clientKey !== this.clientKey) {
        throw new Error('written by something else');
      }
      const snapshot = parseSnapshot(entry.snapshot);
      this.written = snapshot.version;
      return snapshot;
    } catch (e) {
      this.logger.warn(`cache: ignoring the entry ${this.key}: ${(e as Error)?.message ?? String(e)}`);
      return undefined;
    }
  }

  /** Keeps `snapshot` unless this version is already stored. A full or refused storage is only logged. */
  write(snapshot: Snapshot): void {
    if (snapshot.version === this.written) return;
    const entry: CacheEntry = { format: CACHE_FORMAT, clientKey: this.clientKey, snapshot };
    try {
      this.storage.setItem(this.key, JSON.stringify(entry));
      this.written = snapshot.version;
    } catch (e) {
      this.logger.warn(
        `cache: cannot store snapshot ${snapshot.version}: ${(e as Error)?.message ?? String(e)}`,
      );
    }
  }
}
