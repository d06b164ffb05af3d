import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Snapshot } from '@flagstaff/sdk-core';
import { request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from 'node:http';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { DeliveryStats } from './delivery-stats.js';
import { VersionWatcher } from './version-watcher.js';
import type { SnapshotPatch } from './snapshot-patch.js';

const SET_ENABLED = `mutation($flag: String!, $on: Boolean!, $v: Int!) {
  setFlagEnabled(project: "default", environment: "development", flag: $flag, enabled: $on, expectedVersion: $v) { version } }`;

interface SseEvent {
  readonly event: string;
  readonly id: string;
  readonly data: string;
}

/** A minimal EventSource over node:http that keeps everything it read. */
class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  retry: number | undefined;
  ended = false;
  private buffered = '';
  private read = 0;
  private wake: (() => void) | undefined;

  private constructor(
    private readonly req: ClientRequest,
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
  ) {}

  static open(url: string, headers: Record<string, string>): Promise<SseClient> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(url, { headers }, (res) => {
        const client = new SseClient(req, res.statusCode!, res.headers);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => client.take(chunk));
        res.on('end', () => client.finish());
        res.on('error', () => client.finish());
        resolve(client);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** The next event not yet returned, waiting for it up to `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.events.length) {
      if (this.ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.events[this.read++]!;
  }

  /** Waits a while and says whether any event came that was not returned yet. */
  async quietFor(ms: number): Promise<boolean> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.read >= this.events.length;
  }

  untilEnded(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return (async () => {
      while (!this.ended) {
        if (Date.now() > deadline) throw new Error('the stream did not end');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
  }

  close(): void {
    this.req.destroy();
  }

  private take(chunk: string): void {
    this.buffered += chunk;
    let end: number;
    while ((end = this.buffered.indexOf('\n\n')) >= 0) {
      const block = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 2);
      const fields: Record<string, string> = {};
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else {
          const colon = line.indexOf(':');
          fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
        }
      }
      if (fields.retry !== undefined) this.retry = Number(fields.retry);
      if (fields.data !== undefined) {
        this.events.push({ event: fields.event ?? 'message', id: fields.id ?? '', data: fields.data });
      }
    }
    this.wake?.();
  }

  private finish(): void {
    this.ended = true;
    this.wake?.();
  }
}

describe('GET /sdk/v1/stream', () => {
  let api: AdminApi;
  let serverKey: string;
  let clientKey: string;
  const open: SseClient[] = [];

  async function gql(query: string, variables?: Record<string, unknown>) {
    const res = await api.gql(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as Record<string, never>;
  }

  async function stream(key: string, headers: Record<string, string> = {}, on = api) {
    const client = await SseClient.open(`${on.url}/sdk/v1/stream`, {
      authorization: `Bearer ${key}`,
      ...headers,
    });
    open.push(client);
    return client;
  }

  const flagVersions = new Map<string, number>();
  /** Turns a flag on or off in development: one new environment version. */
  async function toggle(flag: string, on: boolean) {
    const data = await gql(SET_ENABLED, { flag, on, v: flagVersions.get(flag) ?? 1 });
    flagVersions.set(flag, (data.setFlagEnabled as { version: number }).version);
  }

  async function version(): Promise<number> {
    const [row]: { version: string }[] = await api.server.storage.dataSource.query(
      `SELECT version FROM environments WHERE key = 'development'`,
    );
    return Number(row!.version);
  }

  /** Waits until the server's version watcher has heard of `target` in development. */
  async function heardOf(target: number): Promise<void> {
    const watcher = api.server.app.get(VersionWatcher);
    const [row]: { id: string }[] = await api.server.storage.dataSource.query(
      `SELECT id FROM environments WHERE key = 'development'`,
    );
    while ((watcher.known(row!.id) ?? -1) < target) await new Promise((done) => setTimeout(done, 5));
  }

  const patchOf = (event: SseEvent) => {
    expect(event.event).toBe('patch');
    const patch = JSON.parse(event.data) as SnapshotPatch;
    expect(event.id).toBe(String(patch.version));
    return patch;
  };

  beforeAll(async () => {
    api = await startAdminApi();
    await gql(
      `mutation { createSegment(project: "default", input: { key: "beta", name: "Beta", included: ["u1"] }) { key } }`,
    );
    for (const [key, clientSide] of [
      ['checkout', false],
      ['search', false],
      ['banner', true],
    ] as const) {
      await gql(
        `mutation($key: String!, $c: Boolean!) { createFlag(project: "default", input: { key: $key, name: $key, kind: BOOLEAN, clientSide: $c }) { key } }`,
        {
          key,
          c: clientSide,
        },
      );
    }
    serverKey = (await api.sdkKey('SERVER')).secret;
    clientKey = (await api.sdkKey('CLIENT')).secret;
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await api?.close();
  });

  it('opens with the retry hint and the snapshot, its id the version', async () => {
    const client = await stream(serverKey);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream');
    expect(client.headers['cache-control']).toBe('no-cache');
    const first = await client.next();
    expect(client.retry).toBe(1000);
    expect(first.event).toBe('snapshot');
    const snapshot = JSON.parse(first.data) as Snapshot;
    expect(first.id).toBe(String(await version()));
    expect(snapshot.version).toBe(await version());
    expect(Object.keys(snapshot.flags).sort()).toEqual(['banner', 'checkout', 'search']);
    client.close();
  });

  it('sends a change made over GraphQL as a patch from the version before it', async () => {
    const client = await stream(serverKey);
    const snapshot = JSON.parse((await client.next()).data) as Snapshot;
    await toggle('checkout', true);
    const patch = patchOf(await client.next());
    expect(patch).toEqual({
      from: snapshot.version,
      version: snapshot.version + 1,
      flags: { checkout: expect.objectContaining({ key: 'checkout', enabled: true }) },
      segments: {},
      config: {},
      validated: true,
    });
    await toggle('checkout', false);
    const next = patchOf(await client.next());
    expect([next.from, next.version]).toEqual([patch.version, patch.version + 1]);
    expect(next.flags.checkout!.enabled).toBe(false);
    client.close();
  });

  it('sends nothing first when Last-Event-ID is the current version, then the next change', async () => {
    const current = await version();
    const client = await stream(serverKey, { 'last-event-id': String(current) });
    expect(await client.quietFor(300)).toBe(true);
    expect(client.retry).toBe(1000);
    await toggle('search', true);
    const patch = patchOf(await client.next());
    expect([patch.from, patch.version]).toEqual([current, current + 1]);
    expect(Object.keys(patch.flags)).toEqual(['search']);
    client.close();
  });

  it('resumes from an older Last-Event-ID with one patch of everything changed since', async () => {
    const from = await version();
    await toggle('checkout', true);
    await toggle('search', false);
    await gql(
      `mutation { setConfigEntry(project: "default", environment: "development", input: { key: "retries", type: NUMBER, value: 3 }) { key } }`,
    );
    // The bus tells the server of the last write a moment after it is answered; until then a
    // stream opening now is rightly sent a patch to the version before it (then one more).
    await heardOf(from + 3);
    const client = await stream(serverKey, { 'last-event-id': String(from) });
    const patch = patchOf(await client.next());
    expect(patch.from).toBe(from);
    expect(patch.version).toBe(from + 3);
    expect(Object.keys(patch.flags).sort()).toEqual(['checkout', 'search']);
    expect(patch.config).toEqual({ retries: { type: 'number', value: 3 } });
    client.close();
  });

  it('resumes a client key’s stream with a patch too, while the snapshot it held is cached', async () => {
    const first = await stream(clientKey);
    const held = JSON.parse((await first.next()).data) as Snapshot;
    first.close();
    await toggle('banner', !held.flags.banner!.enabled);
    const again = await stream(clientKey, { 'last-event-id': String(held.version) });
    const patch = patchOf(await again.next());
    expect([patch.from, patch.version]).toEqual([held.version, held.version + 1]);
    expect(Object.keys(patch.flags)).toEqual(['banner']);
    again.close();
  });

  it('takes the version held from ?lastEventId= when there is no header (a new EventSource cannot set one)', async () => {
    const first = await stream(clientKey);
    const held = JSON.parse((await first.next()).data) as Snapshot;
    first.close();
    await toggle('banner', !held.flags.banner!.enabled);
    const again = await SseClient.open(
      `${api.url}/sdk/v1/stream?key=${clientKey}&lastEventId=${held.version}`,
      {},
    );
    open.push(again);
    const patch = patchOf(await again.next());
    expect([patch.from, patch.version]).toEqual([held.version, held.version + 1]);
    again.close();
  });

  it('sends the snapshot for a Last-Event-ID it cannot resume from', async () => {
    for (const id of ['not-a-version', '-3', String((await version()) + 50)]) {
      const client = await stream(serverKey, { 'last-event-id': id });
      expect((await client.next()).event).toBe('snapshot');
      client.close();
    }
  });

  it('shows a client key’s stream only what it may see, as flags become and stop being client-side', async () => {
    const client = await stream(clientKey);
    const snapshot = JSON.parse((await client.next()).data) as Snapshot;
    expect(Object.keys(snapshot.flags)).toEqual(['banner']);
    expect(client.headers['access-control-allow-origin']).toBe('*');

    await toggle('checkout', false);
    // A server-only flag changed: the client's patch says nothing of it.
    const quiet = patchOf(await client.next());
    expect(quiet).toMatchObject({ flags: {}, segments: {}, config: {} });

    const configured = await gql(
      `mutation($v: Int!) { updateFlagConfig(project: "default", environment: "development", flag: "banner", expectedVersion: $v, input: {
        enabled: true, offVariation: "off", fallthrough: { variation: "off" },
        rules: [{ id: "r", clauses: [{ op: "segmentMatch", values: ["beta"] }], serve: { variation: "on" } }] }) { version } }`,
      { v: flagVersions.get('banner') ?? 1 },
    );
    flagVersions.set('banner', (configured.updateFlagConfig as { version: number }).version);
    const uses = patchOf(await client.next());
    expect(Object.keys(uses.flags)).toEqual(['banner']);
    // The segment did not change, but the client now needs it.
    expect(uses.segments.beta).toMatchObject({ key: 'beta', included: ['u1'] });

    const flag = await api.gql<{ flag: { version: number } }>(
      `{ flag(project: "default", key: "banner") { version } }`,
    );
    await gql(
      `mutation($v: Int!) { updateFlag(project: "default", flag: "banner", expectedVersion: $v, input: { clientSide: false }) { key } }`,
      {
        v: flag.data!.flag.version,
      },
    );
    const hidden = patchOf(await client.next());
    expect(hidden.flags).toEqual({ banner: null });
    expect(hidden.segments).toEqual({ beta: null });
    client.close();
  });

  it('still delivers a change whose bus message was lost, from the version poll', async () => {
    const client = await stream(serverKey);
    const before = JSON.parse((await client.next()).data) as Snapshot;
    const bus = api.server.bus;
    const publish = bus.publish.bind(bus);
    bus.publish = async () => {};
    try {
      await toggle('search', true);
    } finally {
      bus.publish = publish;
    }
    const patch = patchOf(await client.next(10_000));
    expect([patch.from, patch.version]).toEqual([before.version, before.version + 1]);
    expect(patch.flags.search!.enabled).toBe(true);
    client.close();
  });

  it('counts the streams that are open', async () => {
    const stats = api.server.app.get(DeliveryStats);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = stats.openStreams;
    const clients = await Promise.all([stream(serverKey), stream(clientKey), stream(serverKey)]);
    await Promise.all(clients.map((c) => c.next()));
    expect(stats.openStreams).toBe(before + 3);
    for (const c of clients) c.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stats.openStreams).toBe(before);
  });

  it('ends every stream when the server shuts down, so shutting down does not wait for them', async () => {
    const other = await startAdminApi();
    try {
      const key = (await other.sdkKey('SERVER', 'staging')).secret;
      const clients = await Promise.all([stream(key, {}, other), stream(key, {}, other)]);
      await Promise.all(clients.map((c) => c.next()));
      await other.close();
      await Promise.all(clients.map((c) => c.untilEnded()));
    } finally {
      await other.close().catch(() => {});
    }
  });
});
