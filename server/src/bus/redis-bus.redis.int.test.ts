import { afterEach, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import type { ChangeEvent } from './change-bus.js';
import type { ReleaseEvent } from './release-event.js';
import { RedisBus, type RedisBusEvents } from './redis-bus.js';

const url = process.env.REDIS_URL!;
const quiet: RedisBusEvents = {
  onListenerError: () => {},
  onConnectionError: () => {},
  onReconnect: () => {},
};
const opened: RedisBus[] = [];

async function bus(): Promise<RedisBus> {
  const b = await RedisBus.connect(url, quiet);
  opened.push(b);
  return b;
}

function nextEvent(b: RedisBus): Promise<ChangeEvent> {
  return new Promise((resolve) => {
    const off = b.subscribe((e) => {
      off();
      resolve(e);
    });
  });
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((b) => b.close()));
});

describe('RedisBus (redis)', () => {
  it('carries a change from one instance to every other', async () => {
    const [a, b, c] = await Promise.all([bus(), bus(), bus()]);
    const event = { projectId: 'p', environmentId: `e-${Date.now()}`, version: 3 };
    const received = Promise.all([nextEvent(b), nextEvent(c)]);
    await a.publish(event);
    expect(await received).toEqual([event, event]);
  });

  it('tells the publishing instance’s own listeners at once, before Redis echoes the change', async () => {
    const a = await bus();
    const event = { projectId: 'p', environmentId: `e-${Date.now()}`, version: 4 };
    const seen: ChangeEvent[] = [];
    a.subscribe((e) => seen.push(e));
    const published = a.publish(event);
    expect(seen).toEqual([event]);
    await published;
  });

  it('ignores malformed messages on its channel', async () => {
    const b = await bus();
    const seen: ChangeEvent[] = [];
    b.subscribe((e) => seen.push(e));
    const raw = new Redis(url);
    await raw.publish('flagstaff:changes', '{"not":"an event"}');
    const good = nextEvent(b);
    await raw.publish(
      'flagstaff:changes',
      JSON.stringify({ projectId: 'p', environmentId: 'e', version: 1 }),
    );
    await good;
    expect(seen).toEqual([{ projectId: 'p', environmentId: 'e', version: 1 }]);
    await raw.quit();
  });

  it('carries release events to every other instance, apart from environment changes', async () => {
    const [a, b, c] = await Promise.all([bus(), bus(), bus()]);
    const event: ReleaseEvent = {
      kind: 'health',
      projectId: 'p',
      applicationId: 'a',
      environmentId: `e-${Date.now()}`,
      signalId: 's',
      status: 'breach',
      committedAt: Date.now(),
    };
    const changes: ChangeEvent[] = [];
    b.subscribe((e) => changes.push(e));
    const received = Promise.all(
      [b, c].map((x) => new Promise<ReleaseEvent>((resolve) => x.subscribeReleases(resolve))),
    );
    await a.publishRelease(event);
    expect(await received).toEqual([event, event]);
    expect(changes).toEqual([]);
  });

  it('answers ping while Redis is up', async () => {
    await expect((await bus()).ping()).resolves.toBeUndefined();
  });
});
