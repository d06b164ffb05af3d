// The last server snapshot in localStorage, so the next page load starts with flags at once (and
// shows them when the server cannot be reached). One entry per client key; an entry that is not
// ours (another format, another key, not a snapshot) is ignored, never trusted.
import type { Snapshot } from '@flagstaff/sdk-core';
import { messageOf, parseSnapshot, type SafeLogger } from '@flagstaff/sdk-core/client';

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

/** The cache of one client key. */
export interface SnapshotCache {
  /** The cached snapshot, or undefined (none, or unreadable or not ours: then with a warning). */
  read(): Snapshot | undefined;
  /** Keeps `snapshot` unless this version is already stored. A full or refused storage is only logged. */
  write(snapshot: Snapshot): void;
}

export function snapshotCache(
  storage: SnapshotStorage,
  clientKey: string,
  logger: SafeLogger,
): SnapshotCache {
  const key = cacheKey(clientKey);
  /** The version stored last (read or written). */
  let stored: number | undefined;
  return {
    read() {
      try {
        const text = storage.getItem(key);
        if (text === null) return undefined;
        const entry = JSON.parse(text) as Partial<CacheEntry> | null;
        if (entry?.format !== CACHE_FORMAT || entry.clientKey !== clientKey) {
          throw new Error('written by something else');
        }
        const snapshot = parseSnapshot(entry.snapshot);
        stored = snapshot.version;
        return snapshot;
      } catch (e) {
        logger.warn(`cache: ignoring the entry ${key}: ${messageOf(e)}`);
        return undefined;
      }
    },
    write(snapshot) {
      if (snapshot.version === stored) return;
      const entry: CacheEntry = { format: CACHE_FORMAT, clientKey, snapshot };
      try {
        storage.setItem(key, JSON.stringify(entry));
        stored = snapshot.version;
      } catch (e) {
        logger.warn(`cache: cannot store snapshot ${snapshot.version}: ${messageOf(e)}`);
      }
    },
  };
}
