// A fake of the Flagstaff server's delivery endpoints on node:http, for transport tests: it speaks
// docs/delivery-protocol.md (snapshot with ETag/304, SSE stream with retry, snapshot and patch
// events) and lets a test break it in the ways real networks do.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Snapshot } from '@flagstaff/sdk-core';
import type { SnapshotPatch } from '@flagstaff/sdk-core/client';
import type { FakeClock } from './fake-clock.js';

export const TEST_KEY = 'fss_test_key';

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export class FakeFlagServer {
  readonly requests: RecordedRequest[] = [];
  readonly streams = new Set<ServerResponse>();
  /** Overrides for the next requests; undefined serves the protocol. */
  streamHandler: Handler | undefined;
  snapshotHandler: Handler | undefined;
  private readonly server: Server;
  private port = 0;

  constructor(public snapshot: Snapshot) {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.baseUrl;
  }

  /** Stops listening and cuts every connection (a crashed server). */
  async stop(): Promise<void> {
    for (const s of this.streams) s.destroy();
    this.streams.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    await this.start(this.port);
  }

  streamRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/sdk/v1/stream');
  }

  snapshotRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === '/sdk/v1/snapshot');
  }

  /** Writes raw text to every open stream. */
  write(text: string): void {
    for (const s of this.streams) s.write(text);
  }

  event(type: string, id: number, data: unknown): void {
    this.write(`event: ${type}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Applies a patch to the served snapshot and sends it to every stream. */
  publish(patch: SnapshotPatch, send = true): void {
    const next: Snapshot = {
      version: patch.version,
      flags: { ...this.snapshot.flags },
      segments: { ...this.snapshot.segments },
      config: { ...this.snapshot.config },
    };
    for (const name of ['flags', 'segments', 'config'] as const) {
      const target = next[name] as Record<string, unknown>;
      for (const [k, v] of Object.entries(patch[name])) {
        if (v === null) delete target[k];
        else target[k] = v;
      }
    }
    this.snapshot = next;
    if (send) this.event('patch', patch.version, patch);
  }

  /** Ends every stream cleanly (a server shutting down). */
  endStreams(): void {
    for (const s of this.streams) s.end();
    this.streams.clear();
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ path, headers: req.headers });
    if (req.headers.authorization !== `Bearer ${TEST_KEY}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ statusCode: 401, code: 'UNAUTHENTICATED', message: 'a valid SDK key is required' }),
      );
      return;
    }
    if (path === '/sdk/v1/stream') return (this.streamHandler ?? this.serveStream)(req, res);
    if (path === '/sdk/v1/snapshot') return (this.snapshotHandler ?? this.serveSnapshot)(req, res);
    res.writeHead(404).end();
  }

  readonly serveStream: Handler = (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('retry: 1000\n\n');
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
    if (req.headers['last-event-id'] !== String(this.snapshot.version)) {
      res.write(`event: snapshot\nid: ${this.snapshot.version}\ndata: ${JSON.stringify(this.snapshot)}\n\n`);
    }
  };

  readonly serveSnapshot: Handler = (req, res) => {
    const etag = `"${this.snapshot.version}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', etag, 'cache-control': 'no-cache' });
    res.end(JSON.stringify(this.snapshot));
  };
}

/** Waits (in real time, for real I/O) until `predicate` holds; fails after `timeoutMs`. */
export async function until(predicate: () => boolean, what = 'condition', timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Waits for the client's next stream reconnect to be scheduled, then lets it happen. Tests use
 * random = () => 0.999999, so reconnect delays are the only timers of 999, 1999, … 29999 ms.
 */
export async function advanceToReconnect(clock: FakeClock): Promise<void> {
  await reconnectScheduled(clock);
  clock.advance(Math.max(...clock.pending().filter(isReconnect)));
}

const isReconnect = (ms: number) => ms % 1000 === 999;

/** Waits until a stream reconnect is scheduled: then no stream request is in flight. */
export function reconnectScheduled(clock: FakeClock): Promise<void> {
  return until(() => clock.pending().some(isReconnect), 'a reconnect scheduled');
}
