// Keeps a client's snapshot current over the delivery protocol: the SSE stream with reconnects
// (full-jitter backoff, reset after a healthy minute), and polling with If-None-Match while the
// stream is down, or always when streaming is off. It reports contact (stream up, or the last poll
// answered) so the client can tell when it is serving a snapshot it cannot refresh.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  Backoff,
  FlagstaffError,
  parsePatch,
  parseSnapshot,
  SNAPSHOT_PATH,
  STREAM_PATH,
  type Clock,
  type SafeLogger,
  type SnapshotSink,
  type TimerHandle,
} from '@flagstaff/sdk-core/client';
import { SseParser, type SseEvent } from './sse-parser.js';

export const SDK_NODE_VERSION = '0.1.0';
const USER_AGENT = `flagstaff-sdk-node/${SDK_NODE_VERSION}`;

/** A connection that lasted this long resets the backoff. */
export const HEALTHY_AFTER_MS = 60_000;
/** The server pings every 15 s: three missed pings mean the connection is dead. */
export const STREAM_IDLE_TIMEOUT_MS = 45_000;

export interface FeedSettings {
  sdkKey: string;
  baseUrl: URL;
  stream: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  clock: Clock;
  random: () => number;
  fetch: typeof fetch;
  logger: SafeLogger;
}

type StreamEnd =
  { kind: 'ended' } | { kind: 'gap'; message: string } | { kind: 'failed'; error: FlagstaffError };

function httpError(status: number, what: string): FlagstaffError {
  return status === 401 || status === 403
    ? new FlagstaffError('UNAUTHENTICATED', `${what}: the server refused the SDK key (${status})`, { status })
    : new FlagstaffError('HTTP', `${what}: unexpected HTTP status ${status}`, { status });
}

function networkError(e: unknown, what: string): FlagstaffError {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  const code = (e as { code?: unknown })?.code;
  const detail =
    cause?.code ??
    cause?.message ??
    (typeof code === 'string' ? code : undefined) ??
    (e as Error)?.message ??
    String(e);
  return new FlagstaffError('NETWORK', `${what}: ${detail}`, { cause: e });
}

export class SnapshotFeed {
  private readonly backoff: Backoff;
  private readonly streamUrl: URL;
  private readonly snapshotUrl: URL;
  private closed = false;
  private started = false;
  private streamLoop: Promise<void> | undefined;
  /** Ends the current stream connection (set while one is open or being opened). */
  private abortStream: (() => void) | undefined;
  private streamConnected = false;
  private retryTimer: TimerHandle | undefined;
  private wake: (() => void) | undefined;
  private healthyTimer: TimerHandle | undefined;
  private firstEventTimer: TimerHandle | undefined;
  private pollTimer: TimerHandle | undefined;
  private pollInFlight: Promise<void> | undefined;
  private pollController: AbortController | undefined;
  private inContact: boolean | undefined;
  private closing: Promise<void> | undefined;

  constructor(
    private readonly settings: FeedSettings,
    private readonly sink: SnapshotSink,
  ) {
    this.backoff = new Backoff(settings.random);
    this.streamUrl = new URL(STREAM_PATH, settings.baseUrl);
    this.snapshotUrl = new URL(SNAPSHOT_PATH, settings.baseUrl);
  }

  /** Reconnection attempts since the backoff was last reset (for tests and diagnostics). */
  get reconnectAttempts(): number {
    return this.backoff.attempts;
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    if (this.settings.stream) this.streamLoop = this.runStream();
    else this.pollNow();
  }

  /** Stops every request and timer; resolves once in-flight requests have settled. Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.abortStream?.();
    this.pollController?.abort();
    const { clock } = this.settings;
    for (const t of [this.retryTimer, this.healthyTimer, this.firstEventTimer, this.pollTimer]) {
      if (t !== undefined) clock.clearTimeout(t);
    }
    this.retryTimer = this.healthyTimer = this.firstEventTimer = this.pollTimer = undefined;
    this.wake?.();
    this.closing = Promise.all([this.streamLoop, this.pollInFlight]).then(() => undefined);
    return this.closing;
  }

  private headers(accept: string): Record<string, string> {
    return { authorization: `Bearer ${this.settings.sdkKey}`, accept, 'user-agent': USER_AGENT };
  }

  private setContact(inContact: boolean): void {
    if (this.closed || this.inContact === inContact) return;
    this.inContact = inContact;
    this.sink.contact(inContact);
  }

  // --- streaming ---------------------------------------------------------------------------

  private async runStream(): Promise<void> {
    try {
      while (!this.closed) {
        const end = await this.connectOnce();
        if (this.closed) return;
        this.streamDown(end);
        await this.sleep(this.backoff.next());
      }
    } catch (e) {
      // connectOnce handles its own failures; this is a bug guard so the loop never rejects.
      this.settings.logger.error('stream loop stopped:', e);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.wake = resolve;
      this.retryTimer = this.settings.clock.setTimeout(() => {
        this.retryTimer = undefined;
        this.wake = undefined;
        resolve();
      }, ms);
    });
  }

  /**
   * One stream connection, on node:http(s) rather than fetch: with many clients in a process, the
   * web-streams machinery (async reads, abort signals, TextDecoder) cost as much per event as the
   * SDK's own work. Chunks arrive as UTF-8 text and go straight to the parser. Never rejects.
   */
  private connectOnce(): Promise<StreamEnd> {
    return new Promise<StreamEnd>((resolve) => {
      const { clock, timeoutMs } = this.settings;
      const headers = this.headers('text/event-stream');
      headers['cache-control'] = 'no-cache';
      const held = this.sink.serverVersion;
      if (held !== undefined) headers['last-event-id'] = String(held);

      let settled = false;
      let req: ClientRequest | undefined;
      let connectTimer: TimerHandle | undefined;
      let idleTimer: TimerHandle | undefined;
      const finish = (end: StreamEnd) => {
        if (settled) return;
        settled = true;
        if (connectTimer !== undefined) clock.clearTimeout(connectTimer);
        if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
        connectTimer = idleTimer = undefined;
        if (this.abortStream === abort) this.abortStream = undefined;
        req?.destroy();
        resolve(end);
      };
      // close(): the outcome is not reported (runStream sees `closed`).
      const abort = () => finish({ kind: 'ended' });
      this.abortStream = abort;

      const url = this.streamUrl;
      try {
        req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { method: 'GET', headers });
      } catch (e) {
        finish({ kind: 'failed', error: networkError(e, 'stream') });
        return;
      }
      req.on('error', (e) => finish({ kind: 'failed', error: networkError(e, 'stream') }));
      connectTimer = clock.setTimeout(() => {
        connectTimer = undefined;
        finish({
          kind: 'failed',
          error: new FlagstaffError('TIMEOUT', `stream: no answer within ${timeoutMs} ms`),
        });
      }, timeoutMs);

      req.on('response', (res: IncomingMessage) => {
        if (connectTimer !== undefined) clock.clearTimeout(connectTimer);
        connectTimer = undefined;
        res.on('error', (e) => finish({ kind: 'failed', error: networkError(e, 'stream') }));
        if (settled) return;
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          finish({ kind: 'failed', error: httpError(status, 'stream') });
          return;
        }
        const type = res.headers['content-type'] ?? '';
        if (!type.toLowerCase().startsWith('text/event-stream')) {
          finish({
            kind: 'failed',
            error: new FlagstaffError(
              'PROTOCOL',
              `stream: expected text/event-stream, got ${type || 'no type'}`,
            ),
          });
          return;
        }

        this.streamUp();
        const parser = new SseParser({
          event: (event) => {
            if (settled) return;
            const end = this.onStreamEvent(event);
            if (end !== undefined) finish(end);
          },
          retry: (ms) => this.backoff.setBase(ms),
        });

        // Idle watchdog: one timer, re-armed for the remaining time instead of on every chunk.
        let lastDataAt = clock.now();
        const armIdle = (ms: number) => {
          idleTimer = clock.setTimeout(() => {
            idleTimer = undefined;
            const quiet = clock.now() - lastDataAt;
            if (quiet >= STREAM_IDLE_TIMEOUT_MS) {
              finish({
                kind: 'failed',
                error: new FlagstaffError('TIMEOUT', `stream: no data for ${STREAM_IDLE_TIMEOUT_MS} ms`),
              });
            } else armIdle(STREAM_IDLE_TIMEOUT_MS - quiet);
          }, ms);
        };
        armIdle(STREAM_IDLE_TIMEOUT_MS);

        // The string decoder keeps UTF-8 sequences split across chunks whole; the standard's
        // leading byte-order mark is dropped here (TextDecoder used to do it).
        res.setEncoding('utf8');
        let first = true;
        res.on('data', (chunk: string) => {
          if (settled) return;
          lastDataAt = clock.now();
          if (first) {
            first = false;
            if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
          }
          parser.push(chunk);
        });
        res.on('end', () => finish({ kind: 'ended' }));
        res.on('close', () => {
          if (!res.complete) {
            finish({ kind: 'failed', error: networkError(new Error('connection closed'), 'stream') });
          } else finish({ kind: 'ended' });
        });
      });
      req.end();
    });
  }

  /** Applies one event; returns how the connection must end, or undefined to go on. */
  private onStreamEvent(event: SseEvent): StreamEnd | undefined {
    if (this.closed) return undefined;
    if (event.type !== 'snapshot' && event.type !== 'patch') return undefined;
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return {
        kind: 'failed',
        error: new FlagstaffError('PROTOCOL', `stream: ${event.type} event ${event.lastEventId} is not JSON`),
      };
    }
    try {
      if (event.type === 'snapshot') {
        this.sink.fromServer(parseSnapshot(data));
        this.clearFirstEventTimer();
        return undefined;
      }
      const patch = parsePatch(data);
      if (this.sink.patch(patch) === 'applied') return undefined;
      const held = this.sink.serverVersion;
      return {
        kind: 'gap',
        message: `patch ${patch.from}→${patch.version} does not follow the version held (${held ?? 'none'})`,
      };
    } catch (e) {
      const error =
        e instanceof FlagstaffError
          ? e
          : new FlagstaffError('PROTOCOL', `stream: unusable ${event.type}: ${(e as Error)?.message}`, {
              cause: e,
            });
      return { kind: 'failed', error };
    }
  }

  private streamUp(): void {
    const { clock } = this.settings;
    this.streamConnected = true;
    if (this.pollTimer !== undefined) clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.setContact(true);
    this.healthyTimer = clock.setTimeout(() => {
      this.healthyTimer = undefined;
      this.backoff.reset();
    }, HEALTHY_AFTER_MS);
    // A proxy that buffers event streams lets the connection open and delivers nothing: without a
    // snapshot yet, fetch one directly if the stream has not brought it within timeoutMs.
    if (this.sink.serverVersion === undefined) {
      this.firstEventTimer = clock.setTimeout(() => {
        this.firstEventTimer = undefined;
        if (this.sink.serverVersion === undefined) this.pollNow();
      }, this.settings.timeoutMs);
    }
  }

  private clearFirstEventTimer(): void {
    if (this.firstEventTimer !== undefined) this.settings.clock.clearTimeout(this.firstEventTimer);
    this.firstEventTimer = undefined;
  }

  private streamDown(end: StreamEnd): void {
    const { clock, logger } = this.settings;
    if (end.kind === 'failed') this.sink.report(end.error);
    else if (end.kind === 'gap') logger.info(`stream: ${end.message}; reconnecting`);
    else logger.info('stream: ended by the server; reconnecting');
    this.streamConnected = false;
    if (this.healthyTimer !== undefined) clock.clearTimeout(this.healthyTimer);
    this.healthyTimer = undefined;
    this.clearFirstEventTimer();
    // Without anything from the server yet, poll at once; otherwise only if the stream stays
    // down for a poll interval (a reconnect after a server restart usually takes a second).
    if (this.sink.serverVersion === undefined) this.pollNow();
    else this.schedulePoll(this.settings.pollIntervalMs);
  }

  // --- polling -----------------------------------------------------------------------------

  private schedulePoll(ms: number): void {
    if (this.closed || this.pollTimer !== undefined) return;
    this.pollTimer = this.settings.clock.setTimeout(() => {
      this.pollTimer = undefined;
      this.pollNow();
    }, ms);
  }

  private pollNow(): void {
    if (this.closed || this.pollInFlight) return;
    if (this.pollTimer !== undefined) this.settings.clock.clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.pollInFlight = this.poll().finally(() => (this.pollInFlight = undefined));
  }

  private async poll(): Promise<void> {
    const ok = await this.fetchSnapshot();
    if (this.closed) return;
    if (!this.settings.stream || !this.streamConnected) {
      this.setContact(ok);
      this.schedulePoll(this.settings.pollIntervalMs);
    }
  }

  /** One GET of the snapshot; true when the server answered with one (or 304). Never throws. */
  private async fetchSnapshot(): Promise<boolean> {
    const { clock, timeoutMs } = this.settings;
    const controller = new AbortController();
    this.pollController = controller;
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers = this.headers('application/json');
      const held = this.sink.serverVersion;
      if (held !== undefined) headers['if-none-match'] = `"${held}"`;
      const response = await this.settings.fetch(this.snapshotUrl, { headers, signal: controller.signal });
      if (response.status === 304) {
        void response.body?.cancel().catch(() => {});
        return true;
      }
      if (response.status !== 200) {
        void response.body?.cancel().catch(() => {});
        throw httpError(response.status, 'snapshot');
      }
      const text = await response.text();
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new FlagstaffError('PROTOCOL', 'snapshot: the response is not JSON');
      }
      if (this.closed) return false;
      this.sink.fromServer(parseSnapshot(data));
      return true;
    } catch (e) {
      if (this.closed) return false;
      this.sink.report(
        e instanceof FlagstaffError
          ? e
          : timedOut
            ? new FlagstaffError('TIMEOUT', `snapshot: no answer within ${timeoutMs} ms`)
            : networkError(e, 'snapshot'),
      );
      return false;
    } finally {
      clock.clearTimeout(timer);
      if (this.pollController === controller) this.pollController = undefined;
    }
  }
}
