// The options every SDK client shares (where the server is, how to follow it, how to log), as a
// table each SDK extends with its own (see option-table.ts).
import { systemClock, type Clock } from './clock.js';
import { consoleLogger, type FlagstaffLogger } from './logger.js';
import { BOOLEAN, FUNCTION, MS, OBJECT, STRING, type OptionValues } from './option-table.js';
import type { SnapshotFetch } from './snapshot-feed.js';

export const DEFAULT_POLL_INTERVAL_MS = 30_000;
export const MIN_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_TIMEOUT_MS = 5_000;

export interface DeliveryOptions {
  /** Both set, or the client is offline. */
  server: { sdkKey: string; baseUrl: URL } | undefined;
  appVersion: string | undefined;
  stream: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  logger: FlagstaffLogger;
  clock: Clock;
  random: () => number;
  fetch: SnapshotFetch;
  /** What was wrong with the options, one sentence each; every one was defaulted. */
  problems: string[];
}

/** The options every SDK client takes besides its key and bootstrap (each SDK's options extend these). */
export interface SharedClientOptions {
  /** Where the Flagstaff server answers, e.g. `https://flags.example.com` (a path prefix is kept). */
  baseUrl?: string | URL;
  /** The running application's version, added to every evaluation context as `appVersion` (unless it has one). */
  appVersion?: string;
  /** Follow the SSE stream (default true); false polls only. */
  stream?: boolean;
  /** Polling period in ms: always with stream false, while the stream is down otherwise. Default 30000, at least 1000. */
  pollIntervalMs?: number;
  /** Timeout of one request in ms, and waitForReady's default. Default 5000. */
  timeoutMs?: number;
  /** Defaults to warnings and errors on the console. */
  logger?: FlagstaffLogger;
  /** @internal Time source, for tests. */
  clock?: Clock;
  /** @internal Uniform [0, 1) draw for backoff jitter, for tests. */
  random?: () => number;
  /** @internal HTTP client for snapshot requests. */
  fetch?: SnapshotFetch;
}

/** An http(s) URL, normalised to end in `/` (a path prefix is kept), or undefined. */
function httpUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(String(value));
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = url.hash = '';
    return /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The shared options; each SDK's table adds its key option and its own. */
export const DELIVERY_OPTIONS = {
  baseUrl: [['an http(s) URL', (v: unknown) => (httpUrl(v) ? (v as string | URL) : undefined)]],
  appVersion: [STRING],
  stream: [BOOLEAN, true],
  pollIntervalMs: [MS, DEFAULT_POLL_INTERVAL_MS, MIN_POLL_INTERVAL_MS],
  timeoutMs: [MS, DEFAULT_TIMEOUT_MS, 1],
  logger: [OBJECT],
  clock: [OBJECT],
  random: [FUNCTION],
  fetch: [FUNCTION],
} as const;

/**
 * The delivery options from what the checker read; `sdkKey` is the value of the SDK's key option,
 * `keyName` its name. A key of another kind is not second-guessed here: the server refuses it.
 */
export function deliveryOptions(
  o: OptionValues<typeof DELIVERY_OPTIONS>,
  sdkKey: string | undefined,
  keyName: string,
  problems: string[],
): DeliveryOptions {
  sdkKey = sdkKey?.trim() || undefined;
  const baseUrl = o.baseUrl && httpUrl(o.baseUrl);
  if (!sdkKey !== !baseUrl)
    problems.push(`${keyName} and baseUrl must both be given: offline (bootstrap only)`);
  return {
    server: sdkKey && baseUrl ? { sdkKey, baseUrl } : undefined,
    appVersion: o.appVersion,
    stream: o.stream,
    pollIntervalMs: o.pollIntervalMs,
    timeoutMs: o.timeoutMs,
    logger: (o.logger as FlagstaffLogger | undefined) ?? consoleLogger,
    clock: (o.clock as Clock | undefined) ?? systemClock,
    random: (o.random as (() => number) | undefined) ?? Math.random,
    // Called through a wrapper: browsers refuse a `fetch` called as a method of another object.
    fetch:
      (o.fetch as SnapshotFetch | undefined) ??
      ((url, init) => fetch(url, init) as ReturnType<SnapshotFetch>),
    problems,
  };
}
