// Keeps a client's snapshot current over the delivery protocol, whatever the platform: the SSE
// stream with reconnects (full-jitter backoff, reset after a healthy minute), and polling with
// If-None-Match while the stream is down, or always when streaming is off. It reports contact
// (stream up, or the last poll answered) so the client can tell when it is serving a snapshot it
// cannot refresh. How a stream connection is opened is the platform's (a StreamTransport:
// node:http in sdk-node, EventSource in sdk-web); everything else is here.
import { Backoff } from './backoff.js';
import type { Clock, TimerHandle } from './clock.js';
import type { SnapshotSink } from './client-state.js';
import { FlagstaffError, messageOf } from './flagstaff-error.js';
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
    : new FlagstaffError('HTTP', `${what}: HTTP status ${status}`, { status });
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

// The feed's own timers, by index: each forgets itself when it fires. STREAM is the connection's
// (its connect timeout, then the wait for its first snapshot, then the wait before the next one).
const STREAM = 0;
const HEALTHY = 1;
const POLL = 2;
const REQUEST = 3;

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
  /** Ends the current stream connection (a no-op once it has ended). */
  let endStream: ((end: StreamEnd) => void) | undefined;
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

  /**
   * Applies a `snapshot` or `patch` (JSON text) from the server, `what` naming it in errors;
   * returns why the stream must resynchronise, if it must. Throws PROTOCOL errors.
   */
  const receive = (type: string, text: string, what: string): string | undefined => {
    try {
      const data: unknown = JSON.parse(text);
      if (type === 'snapshot') sink.fromServer(parseSnapshot(data));
      else {
        const patch = parsePatch(data);
        const held = sink.serverVersion ?? 'none';
        if (sink.patch(patch) === 'gap')
          return `patch ${patch.from}→${patch.version} does not follow the version held (${held})`;
      }
    } catch (e) {
      throw new FlagstaffError('PROTOCOL', `${what}: ${messageOf(e)}`, { cause: e });
    }
  };

  // --- streaming: one connection at a time, the next after a backoff --------------------------

  /** The stream, one connection at a time, each after a backoff from the end of the last. */
  const runStream = async () => {
    for (;;) {
      const end = await connectOnce();
      if (closed) return;
      streamDown(end);
      // close() clears the timer: the loop then waits for ever, holding nothing.
      await new Promise((resolve) => startTimer(STREAM, backoff.next(), resolve as () => void));
    }
  };

  /** One stream connection through the transport. Never rejects. */
  const connectOnce = () =>
    new Promise<StreamEnd>((resolve) => {
      let settled = false;
      let close: (() => void) | undefined;
      const finish = (end: StreamEnd) => {
        if (settled) return;
        settled = true;
        stopTimer(STREAM);
        close?.();
        resolve(end);
      };
      endStream = finish;
      startTimer(STREAM, timeoutMs, () => finish({ kind: 'failed', error: noAnswer('stream') }));
      try {
        close = transport.open(sink.serverVersion, {
          open: () => {
            if (!settled) streamUp();
          },
          event: (type, data, id) => {
            if (settled || (type !== 'snapshot' && type !== 'patch')) return;
            try {
              const gap = receive(type, data, `stream: ${type} event ${id}`);
              if (gap) finish({ kind: 'gap', message: gap });
              else if (type === 'snapshot') stopTimer(STREAM);
            } catch (error) {
              finish({ kind: 'failed', error: error as FlagstaffError });
            }
          },
          retry: (ms) => backoff.setBase(ms),
          end: finish,
        });
        if (settled) close();
      } catch (e) {
        finish({ kind: 'failed', error: networkError(e, 'stream') });
      }
    });

  const streamUp = () => {
    streamConnected = true;
    stopTimer(STREAM);
    stopTimer(POLL);
    sink.contact(true);
    startTimer(HEALTHY, HEALTHY_AFTER_MS, () => backoff.reset());
    // A proxy that buffers event streams lets the connection open and delivers nothing: without a
    // snapshot yet, fetch one directly if the stream has not brought it within timeoutMs.
    if (sink.serverVersion === undefined) {
      startTimer(STREAM, timeoutMs, () => {
        if (sink.serverVersion === undefined) pollNow();
      });
    }
  };

  const streamDown = (end: StreamEnd) => {
    if (end.kind === 'failed') sink.report(end.error);
    else logger.info(`stream: ${end.kind === 'gap' ? end.message : 'ended by the server'}; reconnecting`);
    streamConnected = false;
    stopTimer(HEALTHY);
    // Without anything from the server yet, poll at once; otherwise only if the stream stays
    // down for a poll interval (a reconnect after a server restart usually takes a second).
    if (sink.serverVersion === undefined) pollNow();
    else if (timers[POLL] === undefined) startTimer(POLL, settings.pollIntervalMs, pollNow);
  };

  // --- polling -----------------------------------------------------------------------------

  const pollNow = () => {
    if (closed || pollInFlight) return;
    stopTimer(POLL);
    pollInFlight = fetchSnapshot().then((ok) => {
      pollInFlight = undefined;
      if (!closed && (!settings.stream || !streamConnected)) {
        sink.contact(ok);
        if (timers[POLL] === undefined) startTimer(POLL, settings.pollIntervalMs, pollNow);
      }
    });
  };

  /** One GET of the snapshot; true when the server answered with one (or 304). Never throws. */
  const fetchSnapshot = async (): Promise<boolean> => {
    const controller = (pollController = new AbortController());
    startTimer(REQUEST, timeoutMs, () => controller.abort());
    try {
      const held = sink.serverVersion;
      const headers =
        held === undefined ? settings.headers : { ...settings.headers, 'if-none-match': `"${held}"` };
      const response = await fetch(snapshotUrl, { headers, signal: controller.signal });
      if (response.status !== 200) {
        void response.body?.cancel().catch(() => {});
        if (response.status === 304) return true;
        throw httpError(response.status, 'snapshot');
      }
      const text = await response.text();
      if (!closed) receive('snapshot', text, 'snapshot');
      return !closed;
    } catch (e) {
      // Aborted: timed out, unless the feed closed (then nothing is reported).
      if (!closed) {
        sink.report(
          e instanceof FlagstaffError
            ? e
            : controller.signal.aborted
              ? noAnswer('snapshot')
              : networkError(e, 'snapshot'),
        );
      }
      return false;
    } finally {
      stopTimer(REQUEST);
    }
  };

  // connectOnce and pollNow handle their own failures: this guard keeps a bug from becoming an
  // unhandled rejection in the host.
  if (settings.stream) void runStream().catch((e: unknown) => logger.error('stream loop stopped:', e));
  else pollNow();

  return {
    resync(reason) {
      if (closed) return;
      if (streamConnected) endStream?.({ kind: 'gap', message: reason });
      else pollNow();
    },
    close() {
      if (!closing) {
        closed = true;
        endStream?.({ kind: 'ended' });
        pollController?.abort();
        timers.forEach((timer) => clock.clearTimeout(timer));
        closing = Promise.resolve(pollInFlight).then(() => undefined);
      }
      return closing;
    },
  };
}
