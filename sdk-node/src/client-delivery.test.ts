// The client against a fake of the server's delivery endpoints over real HTTP (node:http on
// 127.0.0.1): streaming, patches and gaps, polling fallback with ETags, stale and recovery,
// backoff and its reset. SDK timers run on a fake clock; network I/O is real.
import { afterEach, describe, expect, it } from '@jest/globals';
import { booleanFlag, type Snapshot } from '@flagstaff/sdk-core';
import { createClient, type ClientEvents, type ClientOptions, type FlagstaffClient } from './index.js';
import { HEALTHY_AFTER_MS } from '@flagstaff/sdk-core/client';
import { FakeClock } from './testing/fake-clock.js';
import {
  advanceToReconnect,
  FakeFlagServer,
  reconnectScheduled,
  TEST_KEY,
  until,
} from './testing/fake-server.js';

const snapshotV = (version: number, on = true): Snapshot => ({
  version,
  flags: { checkout: booleanFlag('checkout', { enabled: on }), other: booleanFlag('other') },
  segments: {},
  config: { retries: { type: 'number', value: 3 } },
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Harness {
  server: FakeFlagServer;
  clock: FakeClock;
  client: FlagstaffClient;
  events: { [E in keyof ClientEvents]: ClientEvents[E][] };
  logs: string[];
}

async function start(
  options: Partial<ClientOptions> = {},
  snapshot = snapshotV(1),
  configure: (server: FakeFlagServer) => void = () => {},
): Promise<Harness> {
  const server = new FakeFlagServer(snapshot);
  configure(server);
  await server.start();
  const clock = new FakeClock();
  const logs: string[] = [];
  const log = (...args: unknown[]) => void logs.push(args.map(String).join(' '));
  const client = createClient({
    sdkKey: TEST_KEY,
    baseUrl: server.baseUrl,
    clock,
    random: () => 0.999999,
    logger: { debug: log, info: log, warn: log, error: log },
    ...options,
  });
  const events = { ready: [], change: [], stale: [], error: [] } as Harness['events'];
  for (const name of Object.keys(events) as (keyof ClientEvents)[]) {
    client.on(name, (payload) => void (events[name] as unknown[]).push(payload));
  }
  cleanups.push(async () => {
    await client.close();
    await server.stop().catch(() => {});
  });
  return { server, clock, client, events, logs };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('streaming', () => {
  it('takes the first snapshot from the stream, sending the key and no Last-Event-ID', async () => {
    const { server, client, events } = await start();
    expect(await client.waitForReady()).toBe(true);
    expect(client.booleanVariation('checkout', false)).toBe(true);
    const [request] = server.streamRequests();
    expect(request!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(request!.headers.accept).toBe('text/event-stream');
    expect(request!.headers['last-event-id']).toBeUndefined();
    expect(request!.headers['user-agent']).toMatch(/^flagstaff-sdk-node\//);
    await until(() => events.ready.length === 1, 'ready');
    expect(events.ready).toEqual([{ version: 1 }]);
    expect(server.snapshotRequests()).toEqual([]);
  });

  it('applies a patch that follows the version held and emits change with the keys', async () => {
    const { server, client, events } = await start();
    await client.waitForReady();
    server.publish({
      from: 1,
      version: 2,
      flags: { checkout: booleanFlag('checkout', { enabled: false }) },
      segments: {},
      config: { retries: { type: 'number', value: 5 } },
    });
    await until(() => events.change.length === 1, 'change');
    expect(events.change).toEqual([{ keys: ['checkout'], configKeys: ['retries'], version: 2 }]);
    expect(client.booleanVariation('checkout', true)).toBe(false);
    expect(client.getConfig('retries')).toBe(5);
    expect(client.version).toBe(2);
  });

  it('reconnects with Last-Event-ID when a patch skips a version, and catches up', async () => {
    const { server, client, clock, events } = await start();
    await client.waitForReady();
    // Version 2 is lost on the way; 3 arrives claiming to follow 2.
    server.publish(
      {
        from: 1,
        version: 2,
        flags: { checkout: booleanFlag('checkout', { enabled: false }) },
        segments: {},
        config: {},
      },
      false,
    );
    server.publish({ from: 2, version: 3, flags: { other: null }, segments: {}, config: {} });
    await until(() => server.streams.size === 0, 'the SDK to drop the stream');
    expect(client.version).toBe(1);
    await until(() => clock.pending().includes(999), 'a reconnect scheduled');
    clock.advance(999);
    await until(() => client.version === 3, 'version 3');
    expect(server.streamRequests()[1]!.headers['last-event-id']).toBe('1');
    expect(client.booleanVariation('checkout', true)).toBe(false);
    expect(client.booleanVariationDetail('other', false).errorCode).toBe('FLAG_NOT_FOUND');
    expect(events.change.at(-1)).toEqual({ keys: ['checkout', 'other'], configKeys: [], version: 3 });
    expect(events.error).toEqual([]);
  });

  it('ignores a patch for a version it already holds', async () => {
    const { server, client, events } = await start({}, snapshotV(5));
    await client.waitForReady();
    server.event('patch', 4, { from: 3, version: 4, flags: { checkout: null }, segments: {}, config: {} });
    server.event('patch', 6, { from: 5, version: 6, flags: { other: null }, segments: {}, config: {} });
    await until(() => client.version === 6, 'version 6');
    expect(client.booleanVariation('checkout', false)).toBe(true);
    expect(server.streamRequests()).toHaveLength(1);
    expect(events.change.map((c) => c.keys)).toEqual([['other']]);
  });

  it('reports a malformed event and reconnects, keeping the snapshot', async () => {
    const { server, client, clock, events } = await start();
    await client.waitForReady();
    server.write('event: patch\ndata: {not json\n\n');
    await until(() => events.error.length === 1, 'error');
    expect(events.error[0]!.code).toBe('PROTOCOL');
    expect(client.booleanVariation('checkout', false)).toBe(true);
    await until(() => clock.pending().includes(999), 'a reconnect scheduled');
    clock.advance(999);
    await until(() => server.streamRequests().length === 2, 'a second stream');
    expect(server.streamRequests()[1]!.headers['last-event-id']).toBe('1');
  });

  it('resumes after the server ends the stream, without reporting an error', async () => {
    const { server, client, clock, events } = await start();
    await client.waitForReady();
    server.snapshot = snapshotV(2, false);
    server.endStreams();
    await until(() => clock.pending().includes(999), 'a reconnect scheduled');
    clock.advance(999);
    await until(() => client.version === 2, 'version 2');
    expect(client.booleanVariation('checkout', true)).toBe(false);
    expect(events.error).toEqual([]);
    expect(events.stale).toEqual([]);
  });
});

describe('backoff', () => {
  it('waits 1, 2, 4… s (full jitter) between failed attempts, and starts over after a healthy minute', async () => {
    const { server, client, clock } = await start();
    await client.waitForReady();
    server.streamHandler = (_req, res) => res.writeHead(503).end();
    const delays: number[] = [];
    server.endStreams();
    for (let i = 0; i < 6; i++) {
      const before = server.streamRequests().length;
      await until(() => clock.pending().some((ms) => ms % 1000 === 999), 'a reconnect scheduled');
      const delay = clock.pending().find((ms) => ms % 1000 === 999)!;
      delays.push(delay);
      clock.advance(delay);
      await until(() => server.streamRequests().length === before + 1, 'a reconnect');
    }
    expect(delays).toEqual([999, 1999, 3999, 7999, 15999, 29999]);

    // Back up: a connection that stays open for 60 s resets the schedule.
    server.streamHandler = undefined;
    await until(() => clock.pending().includes(29999), 'a reconnect scheduled');
    clock.advance(29999);
    await until(() => clock.pending().includes(HEALTHY_AFTER_MS), 'the SDK connected');
    clock.advance(HEALTHY_AFTER_MS);
    server.endStreams();
    await until(() => clock.pending().some((ms) => ms % 1000 === 999), 'a reconnect scheduled');
    expect(clock.pending().filter((ms) => ms % 1000 === 999)).toEqual([999]);
  });

  it('does not reset the schedule for a connection that drops within the minute', async () => {
    const { server, client, clock } = await start();
    await client.waitForReady();
    server.endStreams();
    await until(() => clock.pending().includes(999), 'first reconnect');
    clock.advance(999);
    await until(() => clock.pending().includes(HEALTHY_AFTER_MS), 'the SDK connected');
    clock.advance(59_000);
    server.endStreams();
    await until(() => clock.pending().includes(1999), 'second reconnect, longer');
  });
});

describe('polling', () => {
  it('polls at once when the stream fails before any snapshot, then every pollIntervalMs with If-None-Match', async () => {
    const failingStream = (server: FakeFlagServer) => {
      server.streamHandler = (_req, res) => res.writeHead(500).end();
    };
    const { server, client, clock, events } = await start(
      { pollIntervalMs: 10_000 },
      snapshotV(1),
      failingStream,
    );
    expect(await client.waitForReady()).toBe(true);
    expect(server.snapshotRequests()).toHaveLength(1);
    expect(server.snapshotRequests()[0]!.headers['if-none-match']).toBeUndefined();
    expect(events.error.map((e) => [e.code, e.status])).toEqual([['HTTP', 500]]);
    await until(() => clock.pending().includes(10_000), 'the next poll scheduled');
    clock.advance(10_000);
    await until(() => server.snapshotRequests().length === 2, 'a second poll');
    expect(server.snapshotRequests()[1]!.headers['if-none-match']).toBe('"1"');
    expect(events.stale).toEqual([]);
    expect(client.status).toBe('ready');
  });

  it('falls back to polling while the stream is down, and stops when it is back', async () => {
    const { server, client, clock, events } = await start({ pollIntervalMs: 10_000 });
    await client.waitForReady();
    server.streamHandler = (_req, res) => res.writeHead(500).end();
    server.endStreams();
    await until(() => clock.pending().includes(10_000), 'a poll scheduled');
    server.snapshot = snapshotV(2, false);
    clock.advance(10_000);
    await until(() => client.version === 2, 'version 2 by polling');
    const [poll] = server.snapshotRequests();
    expect(poll!.headers['if-none-match']).toBe('"1"');
    expect(poll!.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    await until(() => clock.pending().includes(10_000), 'the next poll scheduled');
    clock.advance(10_000);
    await until(() => server.snapshotRequests().length === 2, 'a second poll');
    expect(server.snapshotRequests()[1]!.headers['if-none-match']).toBe('"2"');
    expect(events.change.map((c) => c.version)).toEqual([2]);
    expect(events.stale).toEqual([]);

    // The stream comes back: polling stops. Not while a reconnect is in flight (the polls'
    // advances of the clock start them): it could reach either handler.
    await reconnectScheduled(clock);
    server.streamHandler = undefined;
    await advanceToReconnect(clock);
    await until(() => clock.pending().includes(HEALTHY_AFTER_MS), 'the stream back');
    expect(server.streamRequests().at(-1)!.headers['last-event-id']).toBe('2');
    const polls = server.snapshotRequests().length;
    clock.advance(60_000);
    await tick();
    expect(server.snapshotRequests()).toHaveLength(polls);
  });

  it('with stream false, only polls', async () => {
    const { server, client, clock, events } = await start({ stream: false, pollIntervalMs: 7_000 });
    expect(await client.waitForReady()).toBe(true);
    await until(() => clock.pending().includes(7_000), 'next poll');
    clock.advance(7_000);
    await until(() => server.snapshotRequests().length === 2, 'second poll');
    server.snapshot = snapshotV(2, false);
    await until(() => clock.pending().includes(7_000), 'next poll');
    clock.advance(7_000);
    await until(() => client.version === 2, 'version 2');
    expect(server.streamRequests()).toEqual([]);
    expect(server.snapshotRequests().map((r) => r.headers['if-none-match'])).toEqual([
      undefined,
      '"1"',
      '"1"',
    ]);
    expect(events.change).toEqual([{ keys: ['checkout'], configKeys: [], version: 2 }]);
  });

  it('fetches the snapshot directly when an open stream brings nothing within timeoutMs', async () => {
    // A buffering proxy: headers arrive, events never do.
    const buffering = (server: FakeFlagServer) => {
      server.streamHandler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
        server.streams.add(res);
      };
    };
    const { server, client, clock } = await start({ timeoutMs: 2_000 }, snapshotV(1), buffering);
    const ready = client.waitForReady({ timeoutMs: 10_000 });
    await until(() => clock.pending().includes(60_000), 'the stream open');
    expect(server.snapshotRequests()).toHaveLength(0);
    clock.advance(2_000);
    expect(await ready).toBe(true);
    expect(server.snapshotRequests()).toHaveLength(1);
  });
});

describe('outages', () => {
  it('goes stale when the stream and polling both fail, keeps serving, and is ready again on recovery', async () => {
    const { server, client, clock, events, logs } = await start({ pollIntervalMs: 10_000 });
    await client.waitForReady();
    await server.stop();
    await until(() => clock.pending().includes(10_000), 'a poll scheduled');
    clock.advance(10_000);
    await until(() => events.stale.length === 1, 'stale');
    expect(client.status).toBe('stale');
    expect(events.stale[0]).toMatchObject({ version: 1 });
    expect(client.booleanVariation('checkout', false)).toBe(true);
    expect(events.error.map((e) => e.code)).toContain('NETWORK');
    expect(logs.some((l) => l.startsWith('lost contact with the server'))).toBe(true);

    await server.restart();
    server.snapshot = snapshotV(2, false);
    await advanceToReconnect(clock);
    await until(() => client.version === 2, 'version 2 after recovery');
    await until(() => events.ready.length === 2, 'ready again');
    expect(client.status).toBe('ready');
    expect(events.ready).toEqual([{ version: 1 }, { version: 1 }]);
    expect(client.booleanVariation('checkout', true)).toBe(false);
  });

  it('serves the bootstrap when the server cannot be reached from the start, and says it is stale', async () => {
    const server = new FakeFlagServer(snapshotV(9));
    await server.start();
    const url = server.baseUrl;
    await server.stop();
    const clock = new FakeClock();
    const client = createClient({
      sdkKey: TEST_KEY,
      baseUrl: url,
      clock,
      logger: {},
      bootstrap: snapshotV(0, false),
    });
    cleanups.push(() => client.close());
    const stale: unknown[] = [];
    client.on('stale', (e) => void stale.push(e));
    expect(await client.waitForReady()).toBe(true);
    await until(() => stale.length === 1, 'stale');
    expect(client.booleanVariation('checkout', true)).toBe(false);
  });

  it('reports a refused key as UNAUTHENTICATED and resolves waitForReady false at its timeout', async () => {
    const { client, clock, events } = await start({ sdkKey: 'fss_revoked' });
    const ready = client.waitForReady({ timeoutMs: 3_000 });
    await until(() => events.error.length >= 2, 'stream and poll errors');
    expect(events.error.map((e) => [e.code, e.status])).toEqual([
      ['UNAUTHENTICATED', 401],
      ['UNAUTHENTICATED', 401],
    ]);
    clock.advance(3_000);
    expect(await ready).toBe(false);
    expect(client.status).toBe('initializing');
    expect(client.booleanVariation('checkout', false)).toBe(false);
  });

  it('times out a stream that goes silent (no ping for 45 s) and reconnects', async () => {
    const { server, client, clock } = await start();
    await client.waitForReady();
    clock.advance(45_000);
    await until(() => server.streams.size === 0, 'the silent stream dropped');
    await until(() => clock.pending().includes(999), 'a reconnect scheduled');
    clock.advance(999);
    await until(() => server.streams.size === 1, 'a new stream');
    expect(server.streamRequests()[1]!.headers['last-event-id']).toBe('1');
  });

  it('keeps a stream that pings', async () => {
    const { server, client, clock } = await start();
    await client.waitForReady();
    for (let i = 0; i < 6; i++) {
      server.write(': ping\n\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      clock.advance(15_000);
    }
    await tick();
    expect(server.streamRequests()).toHaveLength(1);
    expect(server.streams.size).toBe(1);
  });
});

describe('close', () => {
  it('ends the stream and every timer, and resolves pending waitForReady with false', async () => {
    const { server, client, clock } = await start();
    await client.waitForReady();
    await client.close();
    await until(() => server.streams.size === 0, 'the stream closed');
    expect(clock.pending()).toEqual([]);
    expect(client.status).toBe('closed');

    const { client: waiting, server: silent } = await start({ stream: false });
    silent.snapshotHandler = () => {}; // never answers
    const pending = waiting.waitForReady({ timeoutMs: 60_000 });
    await waiting.close();
    expect(await pending).toBe(false);
    expect(await waiting.waitForReady()).toBe(false);
  });
});
