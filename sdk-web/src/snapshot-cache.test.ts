import { describe, expect, it } from '@jest/globals';
import { booleanFlag, type Snapshot } from '@flagstaff/sdk-core';
import { SafeLogger } from '@flagstaff/sdk-core/client';
import { cacheKey, CACHE_FORMAT, snapshotCache, type SnapshotStorage } from './snapshot-cache.js';

/** An in-memory Web Storage. */
class MemoryStorage implements SnapshotStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const snapshot = (version: number): Snapshot => ({
  version,
  flags: { banner: booleanFlag('banner') },
  segments: {},
  config: { theme: { type: 'string', value: 'dark' } },
});

function cacheOf(storage: SnapshotStorage, key = 'fsc_one') {
  const warnings: string[] = [];
  const logger = new SafeLogger({ warn: (m: unknown) => void warnings.push(String(m)) });
  return { cache: snapshotCache(storage, key, logger), warnings };
}

describe('SnapshotCache', () => {
  it('reads back what it wrote, under an entry named after the client key', () => {
    const storage = new MemoryStorage();
    cacheOf(storage).cache.write(snapshot(7));
    expect([...storage.items.keys()]).toEqual([cacheKey('fsc_one')]);
    expect(cacheKey('fsc_one')).toBe('flagstaff:snapshot:fsc_one');
    expect(cacheOf(storage).cache.read()).toEqual(snapshot(7));
  });

  it('keeps one entry per client key: another key neither sees nor overwrites it', () => {
    const storage = new MemoryStorage();
    cacheOf(storage, 'fsc_one').cache.write(snapshot(7));
    expect(cacheOf(storage, 'fsc_two').cache.read()).toBeUndefined();
    cacheOf(storage, 'fsc_two').cache.write(snapshot(9));
    expect(cacheOf(storage, 'fsc_one').cache.read()?.version).toBe(7);
    expect(cacheOf(storage, 'fsc_two').cache.read()?.version).toBe(9);
  });

  const foreign: [string, string][] = [
    ['corrupt JSON', '{"format":1,'],
    ['JSON null', 'null'],
    [
      'another format',
      JSON.stringify({ format: CACHE_FORMAT + 1, clientKey: 'fsc_one', snapshot: snapshot(1) }),
    ],
    [
      'an entry naming another key',
      JSON.stringify({ format: CACHE_FORMAT, clientKey: 'fsc_two', snapshot: snapshot(1) }),
    ],
    [
      'an entry whose snapshot is not one',
      JSON.stringify({ format: CACHE_FORMAT, clientKey: 'fsc_one', snapshot: { flags: [] } }),
    ],
  ];
  it.each(foreign)('ignores %s, with a warning', (_name, text) => {
    const storage = new MemoryStorage();
    storage.setItem(cacheKey('fsc_one'), text);
    const { cache, warnings } = cacheOf(storage);
    expect(cache.read()).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cache: ignoring the entry flagstaff:snapshot:fsc_one/);
  });

  it('writes a version once', () => {
    const storage = new MemoryStorage();
    let writes = 0;
    const counting: SnapshotStorage = {
      getItem: (k) => storage.getItem(k),
      setItem: (k, v) => {
        writes++;
        storage.setItem(k, v);
      },
    };
    const { cache } = cacheOf(counting);
    cache.write(snapshot(3));
    cache.write(snapshot(3));
    cache.write(snapshot(4));
    expect(writes).toBe(2);
  });

  it('never throws when the storage refuses to be read or written (blocked, full)', () => {
    const refusing: SnapshotStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const { cache, warnings } = cacheOf(refusing);
    expect(cache.read()).toBeUndefined();
    expect(() => cache.write(snapshot(1))).not.toThrow();
    expect(warnings).toEqual([
      'cache: ignoring the entry flagstaff:snapshot:fsc_one: SecurityError',
      'cache: cannot store snapshot 1: QuotaExceededError',
    ]);
  });
});
