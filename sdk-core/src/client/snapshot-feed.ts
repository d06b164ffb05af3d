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

/** How one stream connection ended: completed by the server, to resynchronise, or failed. */
export type StreamEnd =
  { kind: 'ended' } | { kind: 'gap'; message: string } | { kind: 'failed'; error: FlagstaffError };

/**
 * What a transport reports about the one connection it was asked to open. A transport that sees
 * the server's pings ends a connection that went silent (sdk-node); EventSource hides them.
 */
export interface StreamListener {
  /** The server accepted the stream (HTTP 200, text/event-stream): events may follow. */
  open(): void;
  /** A dispatched event; `id` is the stream's last event id. */
  event(type: string, data: string, id: string): void;
  /** The server's `retry:` hint, in milliseconds. */
  retry(ms: number): void;
  /** The connection is over; nothing is reported after this. */
  end(end: StreamEnd): void;
}

/** A platform's way of opening the SSE stream (`GET /sdk/v1/stream`). */
export interface StreamTransport {
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

/** A running feed (see startSnapshotFeed). */
export interface SnapshotFeed {
  /**
   * Gets the server's current snapshot again, for a sink that could not apply what it was sent in
   * order: the open stream connection is replaced (its next snapshot is the full one), or, without
   * one, the snapshot is fetched.
   */
  resync(reason: string): void;
  /** Stops every request and timer; resolves once in-flight requests have settled. Idempotent. */
  close(): Promise<void>;
}

export function httpError(status: number, what: string): FlagstaffError {
  return status === 401 || status === 403
    ? new FlagstaffError('UNAUTHENTICATED', `${what}: the server refused the SDK key (${status})`, { status })
    : new FlagstaffError('HTTP', `${what}: unexpected HTTP status ${status}`, { status });
}

export function networkError(e: unknown, what: string): FlagstaffError {
  const { cause, code, message } = (e ?? {}) as {
    cause?: { code?: string; message?: string };
    code?: unknown;
    message?: string;
  };
  const detail =
    cause?.code ?? cause?.message ?? (typeof code === 'string' ? code : undefined) ?? message ?? String(e);
  return new FlagstaffError('NETWORK', `${what}: ${detail}`, { cause: e });
}

// The feed's own timers, by index: each forgets itself when it fires.
const RETRY = 0;
const HEALTHY = 1;
const FIRST_EVENT = 2;
const POLL = 3;

/** Starts following the server: the stream (with polling while it is down), or polling only. */
export function startSnapshotFeed(
  settings: FeedSettings,
  transport: StreamTransport,
  sink: SnapshotSink,
): SnapshotFeed {
  // Destructured, so `fetch` is called unbound: a browser's own refuses to run as a method of another object.
  const { clock, timeoutMs, logger, fetch } = settings;
  const backoff = new Backoff(settings.random);
  const snapshotUrl = new URL(SNAPSHOT_PATH, settings.baseUrl);
  const timers: TimerHandle[] = [];
  let closed = false;
  let closing: Promise<void> | undefined;
  let streamLoop: Promise<void> | undefined;
  /** Ends the current stream connection, or the wait before the next one (set while either lasts). */
  let abortStream: ((end: StreamEnd) => void) | undefined;
  let streamConnected = false;
  let pollInFlight: Promise<void> | undefined;
  let pollController: AbortController | undefined;

  const stopTimer = (timer: number) => {
    clock.clearTimeout(timers[timer]);
    timers[timer] = undefined;
  };
  const startTimer = (timer: number, ms: number, run: () => void) => {
    stopTimer(timer);
    timers[timer] = clock.setTimeout(() => {
      timers[timer] = undefined;
      run();
    }, ms);
  };
  const noAnswer = (what: string) =>
    new FlagstaffError('TIMEOUT', `${what}: no answer within ${timeoutMs} ms`);

  // --- streaming ---------------------------------------------------------------------------

  const runStream = async () => {
    while (!closed) {
      const end = await connectOnce();
      if (closed) return;
      streamDown(end);
      // The backoff; close() ends the wait early through abortStream.
      if (!closed) {
        await new Promise((resolve) => {
          abortStream = resolve;
          startTimer(RETRY, backoff.next(), resolve as () => void);
        });
      }
    }
  };

  /** One stream connection through the transport, with its timers. Never rejects. */
  const connectOnce = () =>
    new Promise<StreamEnd>((resolve) => {
      let settled = false;
      let close: (() => void) | undefined;
      const finish = (end: StreamEnd) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(connectTimer);
        if (abortStream === finish) abortStream = undefined;
        close?.();
        resolve(end);
      };
      abortStream = finish;
      const connectTimer = clock.setTimeout(
        () => finish({ kind: 'failed', error: noAnswer('stream') }),
        timeoutMs,
      );
      const listener: StreamListener = {
        open: () => {
          if (settled) return;
          clock.clearTimeout(connectTimer);
          streamUp();
        },
        event: (type, data, id) => {
          const end = settled ? undefined : onStreamEvent(type, data, id);
          if (end !== undefined) finish(end);
        },
        retry: (ms) => backoff.setBase(ms),
        end: finish,
      };
      try {
        close = transport.open(sink.serverVersion, listener);
        if (settled) close();
      } catch (e) {
        finish({ kind: 'failed', error: networkError(e, 'stream') });
      }
    });

  /** Applies one event; returns how the connection must end, or undefined to go on. */
  const onStreamEvent = (type: string, text: string, id: string): StreamEnd | undefined => {
    if (closed || (type !== 'snapshot' && type !== 'patch')) return undefined;
    try {
      const data: unknown = JSON.parse(text);
      if (type === 'snapshot') {
        sink.fromServer(parseSnapshot(data));
        stopTimer(FIRST_EVENT);
        return undefined;
      }
      const patch = parsePatch(data);
      if (sink.patch(patch) === 'applied') return undefined;
      const held = sink.serverVersion ?? 'none';
      return {
        kind: 'gap',
        message: `patch ${patch.from}→${patch.version} does not follow the version held (${held})`,
      };
    } catch (e) {
      const error =
        e instanceof FlagstaffError
          ? e
          : new FlagstaffError('PROTOCOL', `stream: unusable ${type} event ${id}: ${(e as Error)?.message}`, {
              cause: e,
            });
      return { kind: 'failed', error };
    }
  };

  const streamUp = () => {
    streamConnected = true;
    stopTimer(POLL);
    sink.contact(true);
    startTimer(HEALTHY, HEALTHY_AFTER_MS, () => backoff.reset());
    // A proxy that buffers event streams lets the connection open and delivers nothing: without a
    // snapshot yet, fetch one directly if the stream has not brought it within timeoutMs.
    if (sink.serverVersion === undefined) {
      startTimer(FIRST_EVENT, timeoutMs, () => {
        if (sink.serverVersion === undefined) pollNow();
      });
    }
  };

  const streamDown = (end: StreamEnd) => {
    if (end.kind === 'failed') sink.report(end.error);
    else logger.info(`stream: ${end.kind === 'gap' ? end.message : 'ended by the server'}; reconnecting`);
    streamConnected = false;
    stopTimer(HEALTHY);
    stopTimer(FIRST_EVENT);
    // Without anything from the server yet, poll at once; otherwise only if the stream stays
    // down for a poll interval (a reconnect after a server restart usually takes a second).
    if (sink.serverVersion === undefined) pollNow();
    else schedulePoll();
  };

  // --- polling -----------------------------------------------------------------------------

  const schedulePoll = () => {
    if (!closed && timers[POLL] === undefined) startTimer(POLL, settings.pollIntervalMs, pollNow);
  };

  const pollNow = () => {
    if (closed || pollInFlight) return;
    stopTimer(POLL);
    pollInFlight = poll().finally(() => (pollInFlight = undefined));
  };

  const poll = async () => {
    const ok = await fetchSnapshot();
    if (!closed && (!settings.stream || !streamConnected)) {
      sink.contact(ok);
      schedulePoll();
    }
  };

  /** One GET of the snapshot; true when the server answered with one (or 304). Never throws. */
  const fetchSnapshot = async (): Promise<boolean> => {
    const controller = (pollController = new AbortController());
    let timedOut = false;
    const timer = clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers = { ...settings.headers };
      const held = sink.serverVersion;
      if (held !== undefined) headers['if-none-match'] = `"${held}"`;
      const response = await fetch(snapshotUrl, { headers, signal: controller.signal });
      if (response.status !== 200) {
        void response.body?.cancel().catch(() => {});
        if (response.status === 304) return true;
        throw httpError(response.status, 'snapshot');
      }
      const text = await response.text();
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        throw new FlagstaffError('PROTOCOL', 'snapshot: the response is not JSON');
      }
      if (closed) return false;
      sink.fromServer(parseSnapshot(data));
      return true;
    } catch (e) {
      if (!closed) {
        sink.report(
          e instanceof FlagstaffError ? e : timedOut ? noAnswer('snapshot') : networkError(e, 'snapshot'),
        );
      }
      return false;
    } finally {
      clock.clearTimeout(timer);
      if (pollController === controller) pollController = undefined;
    }
  };

  // connectOnce and poll handle their own failures: this guard keeps a bug from becoming an
  // unhandled rejection in the host.
  if (settings.stream)
    streamLoop = runStream().catch((e: unknown) => logger.error('stream loop stopped:', e));
  else pollNow();

  return {
    resync(reason) {
      if (closed) return;
      if (streamConnected && abortStream) abortStream({ kind: 'gap', message: reason });
      else pollNow();
    },
    close() {
      if (closing) return closing;
      closed = true;
      abortStream?.({ kind: 'ended' });
      pollController?.abort();
      timers.forEach((timer) => clock.clearTimeout(timer));
      return (closing = Promise.all([streamLoop, pollInFlight]).then(() => undefined));
    },
  };
}
