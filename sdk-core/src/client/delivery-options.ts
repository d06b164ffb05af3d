// The options every SDK client shares (where the server is, how to follow it, how to log). A bad
// option is reported (one sentence in `problems`) and replaced by its default: a typo in
// configuration must never take the host application down.
import { systemClock, type Clock } from './clock.js';
import { consoleLogger, type FlagstaffLogger } from './logger.js';
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

/** How an SDK names its key option and which key kinds it expects. */
export interface KeyOption {
  /** The option's name: `sdkKey` in Node, `clientKey` in browsers. */
  name: string;
  /** Key prefixes the SDK expects, e.g. ['fss_', 'fsc_']. */
  prefixes: readonly string[];
}

/** The option names readDeliveryOptions reads, besides the key's. */
export const DELIVERY_OPTION_NAMES = [
  'baseUrl',
  'appVersion',
  'stream',
  'pollIntervalMs',
  'timeoutMs',
  'logger',
  'clock',
  'random',
  'fetch',
] as const;

export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
export const show = (x: unknown): string => (typeof x === 'string' ? JSON.stringify(x) : String(x));

function positiveMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** Reads options with `read`; options whose very reading throws (a hostile proxy) give the defaults. */
export function readOptionsSafely<T extends { problems: string[] }>(
  read: (input: unknown) => T,
  input: unknown,
): T {
  try {
    return read(input);
  } catch (e) {
    const defaults = read(undefined);
    defaults.problems.push(`options could not be read (${(e as Error)?.message}); using defaults`);
    return defaults;
  }
}

/** The options object itself, with a problem for every name the SDK does not know. */
export function optionsObject(
  input: unknown,
  known: ReadonlySet<string>,
  problems: string[],
): Record<string, unknown> {
  if (!isObject(input)) {
    if (input !== undefined) problems.push(`options must be an object, got ${show(input)}; using defaults`);
    return {};
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(`unknown option ${show(key)} ignored`);
  }
  return input;
}

export function readDeliveryOptions(
  o: Record<string, unknown>,
  key: KeyOption,
  problems: string[],
): DeliveryOptions {
  let logger: FlagstaffLogger = consoleLogger;
  if (o.logger !== undefined) {
    if (isObject(o.logger) || typeof o.logger === 'function') logger = o.logger as FlagstaffLogger;
    else problems.push(`logger must be an object with warn/error methods; using the console`);
  }

  let sdkKey: string | undefined;
  const rawKey = o[key.name];
  if (rawKey !== undefined && rawKey !== '') {
    if (typeof rawKey !== 'string') problems.push(`${key.name} must be a string; ignored`);
    else {
      sdkKey = rawKey.trim();
      if (!key.prefixes.some((p) => sdkKey!.startsWith(p))) {
        const kinds = key.prefixes.map((p) => `${p}…`).join(' or ');
        problems.push(`${key.name} does not look like an SDK key (${kinds}); using it anyway`);
      }
    }
  }

  let baseUrl: URL | undefined;
  if (o.baseUrl !== undefined && o.baseUrl !== '') {
    try {
      const url = new URL(String(o.baseUrl));
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
      if (!url.pathname.endsWith('/')) url.pathname += '/';
      url.search = '';
      url.hash = '';
      baseUrl = url;
    } catch {
      problems.push(`baseUrl ${show(o.baseUrl)} is not an http(s) URL; ignored`);
    }
  }

  let offlineReason: string | undefined;
  if (sdkKey !== undefined && baseUrl === undefined)
    offlineReason = `${key.name} given without a usable baseUrl`;
  if (sdkKey === undefined && baseUrl !== undefined) offlineReason = `baseUrl given without an ${key.name}`;
  if (offlineReason) problems.push(`${offlineReason}: offline, serving only the bootstrap snapshot`);

  let appVersion: string | undefined;
  if (o.appVersion !== undefined) {
    if (typeof o.appVersion === 'string' && o.appVersion !== '') appVersion = o.appVersion;
    else if (typeof o.appVersion === 'number' && Number.isFinite(o.appVersion)) {
      appVersion = String(o.appVersion);
      problems.push(`appVersion should be a string; using "${appVersion}"`);
    } else problems.push(`appVersion must be a non-empty string; ignored`);
  }

  let stream = true;
  if (o.stream !== undefined) {
    if (typeof o.stream === 'boolean') stream = o.stream;
    else problems.push(`stream must be a boolean, got ${show(o.stream)}; using true`);
  }

  let pollIntervalMs = DEFAULT_POLL_INTERVAL_MS;
  if (o.pollIntervalMs !== undefined) {
    if (!positiveMs(o.pollIntervalMs)) {
      problems.push(
        `pollIntervalMs must be a positive number, got ${show(o.pollIntervalMs)}; using ${DEFAULT_POLL_INTERVAL_MS}`,
      );
    } else if (o.pollIntervalMs < MIN_POLL_INTERVAL_MS) {
      problems.push(
        `pollIntervalMs ${o.pollIntervalMs} is below ${MIN_POLL_INTERVAL_MS}; using ${MIN_POLL_INTERVAL_MS}`,
      );
      pollIntervalMs = MIN_POLL_INTERVAL_MS;
    } else pollIntervalMs = o.pollIntervalMs;
  }

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (o.timeoutMs !== undefined) {
    if (positiveMs(o.timeoutMs)) timeoutMs = o.timeoutMs;
    else
      problems.push(
        `timeoutMs must be a positive number, got ${show(o.timeoutMs)}; using ${DEFAULT_TIMEOUT_MS}`,
      );
  }

  const clock =
    isObject(o.clock) && typeof o.clock.now === 'function' ? (o.clock as unknown as Clock) : systemClock;
  const random = typeof o.random === 'function' ? (o.random as () => number) : Math.random;
  // Called through a wrapper: browsers refuse a `fetch` called as a method of another object.
  const fetchImpl: SnapshotFetch =
    typeof o.fetch === 'function'
      ? (o.fetch as SnapshotFetch)
      : (url, init) => fetch(url, init) as ReturnType<SnapshotFetch>;

  return {
    server: sdkKey !== undefined && baseUrl !== undefined ? { sdkKey, baseUrl } : undefined,
    appVersion,
    stream,
    pollIntervalMs,
    timeoutMs,
    logger,
    clock,
    random,
    fetch: fetchImpl,
  };
}
