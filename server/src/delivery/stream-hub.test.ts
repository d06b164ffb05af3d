import { booleanFlag, type Snapshot } from '@flagstaff/sdk-core';
import { afterEach, describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { pino } from 'pino';
import type { ChangeFeed } from './change-feed.js';
import { DeliveryStats } from './delivery-stats.js';
import type { SdkKey, SdkKeyAuthenticator } from './sdk-key-authenticator.js';
import type { SnapshotCache } from './snapshot-cache.js';
import { SnapshotEntry } from './snapshot-entry.js';
import { StreamHub } from './stream-hub.js';
import type { VersionListener, VersionWatcher } from './version-watcher.js';

/** The part of a ServerResponse the hub uses; `full` makes its socket buffer full. */
class FakeResponse extends EventEmitter {
  readonly written: string[] = [];
  writableNeedDrain = false;
  ended = false;

  write(chunk: Buffer): boolean {
    this.written.push(chunk.toString());
    return !this.writableNeedDrain;
  }
  end(): void {
    this.ended = true;
    this.emit('close');
  }
  destroy(): void {
    this.emit('close');
  }
  events(): { event: string; data: Record<string, unknown> }[] {
    return this.written
      .filter((w) => w.startsWith('event:'))
      .map((w) => {
        const [event, , data] = w.split('\n');
        return { event: event!.slice(7), data: JSON.parse(data!.slice(6)) as Record<string, unknown> };
      });
  }
}

const ENV = 'env-1';
const KEY: SdkKey = { tokenId: 't1', kind: 'server', environmentId: ENV, projectId: 'p1' };

/** An environment whose version the test moves; each version changes flag `f`. */
function world() {
  let version = 1;
  const listeners = new Set<VersionListener>();
  const feedCalls: [number, number][] = [];
  const snapshot = (v: number): Snapshot => ({
    version: v,
    flags: { f: booleanFlag('f', { enabled: v % 2 === 0 }) },
    segments: {},
    config: {},
  });
  const watcher = {
    known: () => version,
    current: async () => version,
    refresh: async () => version,
    checkNewer: async () => version,
    onVersion: (listener: VersionListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as VersionWatcher;
  const cache = {
    current: async () => SnapshotEntry.of(ENV, 'server', snapshot(version)),
    stored: async () => undefined,
  } as unknown as SnapshotCache;
  const feed = {
    between: async (_: string, from: number, to: number) => {
      feedCalls.push([from, to]);
      return { flags: new Set(['f']), segments: new Set<string>(), config: new Set<string>() };
    },
  } as unknown as ChangeFeed;
  const keys = { stillUsable: async (ids: string[]) => new Set(ids) } as unknown as SdkKeyAuthenticator;
  const hub = new StreamHub(cache, watcher, feed, keys, new DeliveryStats(), pino({ level: 'silent' }));
  hub.onModuleInit();
  return {
    hub,
    feedCalls,
    bump() {
      version += 1;
      for (const listener of listeners) listener(ENV, version);
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('StreamHub', () => {
  const hubs: StreamHub[] = [];
  afterEach(() => {
    for (const hub of hubs.splice(0)) hub.beforeApplicationShutdown();
  });

  function open(hub: StreamHub, lastEventId?: number): FakeResponse {
    const response = new FakeResponse();
    hub.open(response as unknown as ServerResponse, KEY, lastEventId);
    return response;
  }

  it('sends each new version to every stream as a patch from the one before', async () => {
    const w = world();
    hubs.push(w.hub);
    const [a, b] = [open(w.hub), open(w.hub)];
    await settle();
    w.bump();
    await settle();
    for (const response of [a, b]) {
      expect(response.events().map((e) => [e.event, e.data.from, e.data.version])).toEqual([
        ['snapshot', undefined, 1],
        ['patch', 1, 2],
      ]);
    }
    // One patch made for both streams.
    expect(w.feedCalls).toEqual([[1, 2]]);
  });

  it('lets a stream whose socket is full skip versions, then catches it up with one patch when it drains', async () => {
    const w = world();
    hubs.push(w.hub);
    const slow = open(w.hub);
    const healthy = open(w.hub);
    await settle();
    slow.writableNeedDrain = true;
    w.bump();
    await settle();
    w.bump();
    await settle();
    expect(slow.events().map((e) => e.event)).toEqual(['snapshot']);
    expect(healthy.events().map((e) => e.data.version)).toEqual([1, 2, 3]);
    slow.writableNeedDrain = false;
    slow.emit('drain');
    await settle();
    expect(slow.events().map((e) => [e.event, e.data.from, e.data.version])).toEqual([
      ['snapshot', undefined, 1],
      ['patch', 1, 3],
    ]);
  });

  it('sends nothing first to a stream that holds the current version', async () => {
    const w = world();
    hubs.push(w.hub);
    const response = open(w.hub, 1);
    await settle();
    expect(response.events()).toEqual([]);
    w.bump();
    await settle();
    expect(response.events().map((e) => [e.event, e.data.from])).toEqual([['patch', 1]]);
  });

  it('ends every stream on shutdown and accepts none after', async () => {
    const w = world();
    const streams = [open(w.hub), open(w.hub, 1)];
    await settle();
    w.hub.beforeApplicationShutdown();
    expect(streams.every((s) => s.ended)).toBe(true);
    const late = open(w.hub);
    await settle();
    expect(late.ended).toBe(true);
    expect(late.events()).toEqual([]);
  });
});
