// Keeps a client's snapshot current over the delivery protocol, whatever the platform: the SSE
// stream with reconnects (full-jitter backoff, reset after a healthy minute), and polling with
// If-None-Match while the stream is down, or always when streaming is off. It reports contact
// (stream up, or the last poll answered) so the client can tell when it is serving a snapshot it
// cannot refresh. How a stream connection is opened is the platform's (a StreamTransport:
// node:http in sdk-node, EventSource in sdk-web); everything else is here.
import { Backoff } from './backoff.js';
import type { Clock, TimerHandle } from './clock.js';
import type { SnapshotSink } from './client-state.js';
import { FlagstaffError } from './flagstaff-error.js';
import type { SafeLogger } from './logger.js';
import { parsePatch, parseSnapshot, SNAPSHOT_PATH } from './protocol.js';

/** A connection that lasted this long resets the backoff. */
export const HEALTHY_AFTER_MS = 60_000;
/** The server pings every 15 s: three missed pings mean the connection is dead. */
export const STREAM_IDLE_TIMEOUT_MS = 45_000;

/** How one stream connection ended: completed by the server, to resynchronise, or failed. */
export type StreamEnd =
  { kind: 'ended' } | { kind: 'gap'; message: string } | { kind: 'failed'; error: FlagstaffError };

/** What a transport reports about the one connection it was asked to open. */
export interface StreamListener {
  /** The server accepted the stream (HTTP 200, text/event-stream): events may follow. */
  open(): void;
  /** Something arrived, pings included: the idle watchdog's heartbeat. */
  activity(): void;
  /** A dispatched event; `id` is the stream's last event id. */
  event(type: string, data: string, id: string): void;
  /** The server's `retry:` hint, in milliseconds. */
  retry(ms: number): void;
  /** The connection is over; nothing is reported after this. */
  end(end: StreamEnd): void;
}

/** A platform's way of opening the SSE stream (`GET /sdk/v1/stream`). */
export interface StreamTransport {
  /** Whether `activity()` is reported for pings, so that a silent dead connection can be detected. */
  readonly reportsActivity: boolean;
  /** Opens one connection resuming after `lastEventId`; returns what closes it (then it reports nothing). */
  open(lastEventId: number | undefined, listener: StreamListener): () => void;
}

/** The part of `fetch` the feed uses, so platforms and tests can pass their own. */
export type SnapshotFetch = (
  url: URL,
  init: { headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string>; body?: { cancel(): Promise<void> } | null }>;

export interface FeedSettings {
  baseUrl: URL;
  /** Headers of every snapshot request: the key, and what the platform adds (accept, user agent). */
  headers: Record<string, string>;
  stream: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  clock: Clock;
  random: () => number;
  fetch: SnapshotFetch;
  logger: SafeLogger;
}

export function httpError(status: number, what: string): FlagstaffError {
  return status === 401 || status === 403
    ? new FlagstaffError('UNAUTHENTICATED', `${what}: the server refused the SDK key (${status})`, { status })
    : new FlagstaffError('HTTP', `${what}: unexpected HTTP status ${status}`, { status });
}

export function networkError(e: unknown, what: string): FlagstaffError {
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
  private readonly snapshotUrl: URL;
  private closed = false;
  private started = false;
  private streamLoop: Promise<void> | undefined;
  /** Ends the current stream connection (set while one is open or being opened). */
  private abortStream: ((end: StreamEnd) => void) | undefined;
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
    private readonly transport: StreamTransport,
    private readonly sink: SnapshotSink,
  ) {
    this.backoff = new Backoff(settings.random);
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

  /**
   * Gets the server's current snapshot again, for a sink that could not apply what it was sent in
   * order: the open stream connection is replaced (its next snapshot is the full one), or, without
   * one, the snapshot is fetched.
   */
  resync(reason: string): void {
    if (this.closed || !this.started) return;
    if (this.streamConnected && this.abortStream) this.abortStream({ kind: 'gap', message: reason });
    else this.pollNow();
  }

  /** Stops every request and timer; resolves once in-flight requests have settled. Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    this.abortStream?.({ kind: 'ended' });
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

  /** One stream connection through the transport, with its timers. Never rejects. */
  private connectOnce(): Promise<StreamEnd> {
    return new Promise<StreamEnd>((resolve) => {
      const { clock, timeoutMs } = this.settings;
      let settled = false;
      let close: (() => void) | undefined;
      let connectTimer: TimerHandle | undefined;
      let idleTimer: TimerHandle | undefined;
      let lastDataAt = clock.now();
      const finish = (end: StreamEnd) => {
        if (settled) return;
        settled = true;
        if (connectTimer !== undefined) clock.clearTimeout(connectTimer);
        if (idleTimer !== undefined) clock.clearTimeout(idleTimer);
        connectTimer = idleTimer = undefined;
        if (this.abortStream === finish) this.abortStream = undefined;
        close?.();
        resolve(end);
      };
      this.abortStream = finish;

      // Idle watchdog: one timer, re-armed for the remaining time instead of on every chunk.
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

      connectTimer = clock.setTimeout(() => {
        connectTimer = undefined;
        finish({
          kind: 'failed',
          error: new FlagstaffError('TIMEOUT', `stream: no answer within ${timeoutMs} ms`),
        });
      }, timeoutMs);

      const listener: StreamListener = {
        open: () => {
          if (settled) return;
          if (connectTimer !== undefined) clock.clearTimeout(connectTimer);
          connectTimer = undefined;
          this.streamUp();
          lastDataAt = clock.now();
          if (this.transport.reportsActivity) armIdle(STREAM_IDLE_TIMEOUT_MS);
        },
        activity: () => {
          lastDataAt = clock.now();
        },
        event: (type, data, id) => {
          if (settled) return;
          const end = this.onStreamEvent(type, data, id);
          if (end !== undefined) finish(end);
        },
        retry: (ms) => this.backoff.setBase(ms),
        end: finish,
      };
      try {
        close = this.transport.open(this.sink.serverVersion, listener);
        if (settled) close();
      } catch (e) {
        finish({ kind: 'failed', error: networkError(e, 'stream') });
      }
    });
  }

  /** Applies one event; returns how the connection must end, or undefined to go on. */
  private onStreamEvent(type: string, text: string, id: string): StreamEnd | undefined {
    if (this.closed) return undefined;
    if (type !== 'snapshot' && type !== 'patch') return undefined;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return {
        kind: 'failed',
        error: new FlagstaffError('PROTOCOL', `stream: ${type} event ${id} is not JSON`),
      };
    }
    try {
      if (type === 'snapshot') {
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
          : new FlagstaffError('PROTOCOL', `stream: unusable ${type}: ${(e as Error)?.message}`, {
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
      const headers = { ...this.settings.headers };
      const held = this.sink.serverVersion;
      if (held !== undefined) headers['if-none-match'] = `"${held}"`;
      // Called unbound: a browser's own fetch refuses to run as a method of another object.
      const get = this.settings.fetch;
      const response = await get(this.snapshotUrl, { headers, signal: controller.signal });
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
