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

/** Records that option `name` is not `expected` but `value`, and what was done `instead`. */
export function badOption(
  problems: string[],
  name: string,
  expected: string,
  value: unknown,
  instead: string,
): void {
  problems.push(`${name} must be ${expected}, got ${show(value)}; ${instead}`);
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
    if (input !== undefined) badOption(problems, 'options', 'an object', input, 'using defaults');
    return {};
  }
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push(`unknown option ${show(key)} ignored`);
  }
  return input;
}

/** A boolean option (`stream`, sdk-web's `cache`): `fallback` when absent or not a boolean. */
export function readBoolean(
  o: Record<string, unknown>,
  name: string,
  fallback: boolean,
  problems: string[],
): boolean {
  const value = o[name];
  if (typeof value === 'boolean') return value;
  if (value !== undefined) badOption(problems, name, 'a boolean', value, `using ${fallback}`);
  return fallback;
}

/** A duration in ms: `fallback` when absent or not a positive number, at least `min`. */
function readMs(
  o: Record<string, unknown>,
  name: string,
  fallback: number,
  problems: string[],
  min = 0,
): number {
  const value = o[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0 && value < Infinity)) {
    badOption(problems, name, 'a positive number', value, `using ${fallback}`);
    return fallback;
  }
  if (value >= min) return value;
  badOption(problems, name, `at least ${min}`, value, `using ${min}`);
  return min;
}

/** An http(s) URL, normalised to end in `/` (a path prefix is kept), or undefined. */
function readBaseUrl(value: unknown): URL | undefined {
  try {
    const url = new URL(String(value));
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    url.search = url.hash = '';
    return /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

export function readDeliveryOptions(
  o: Record<string, unknown>,
  key: KeyOption,
  problems: string[],
): DeliveryOptions {
  let logger = consoleLogger;
  if (isObject(o.logger) || typeof o.logger === 'function') logger = o.logger as FlagstaffLogger;
  else if (o.logger !== undefined) {
    badOption(problems, 'logger', 'an object with warn/error methods', o.logger, 'using the console');
  }

  let sdkKey: string | undefined;
  const rawKey = o[key.name];
  if (typeof rawKey === 'string' && rawKey !== '') {
    sdkKey = rawKey.trim();
    if (!key.prefixes.some((p) => sdkKey!.startsWith(p))) {
      const kinds = key.prefixes.map((p) => `${p}…`).join(' or ');
      problems.push(`${key.name} does not look like an SDK key (${kinds}); using it anyway`);
    }
  } else if (rawKey !== undefined && rawKey !== '')
    badOption(problems, key.name, 'a string', rawKey, 'ignored');

  let baseUrl: URL | undefined;
  if (o.baseUrl !== undefined && o.baseUrl !== '') {
    baseUrl = readBaseUrl(o.baseUrl);
    if (baseUrl === undefined) badOption(problems, 'baseUrl', 'an http(s) URL', o.baseUrl, 'ignored');
  }

  const missing =
    sdkKey === undefined
      ? baseUrl && `baseUrl given without an ${key.name}`
      : !baseUrl && `${key.name} given without a usable baseUrl`;
  if (missing) problems.push(`${missing}: offline, serving only the bootstrap snapshot`);

  let appVersion: string | undefined;
  const rawVersion = o.appVersion;
  if (typeof rawVersion === 'string' && rawVersion !== '') appVersion = rawVersion;
  else if (rawVersion !== undefined) {
    if (typeof rawVersion === 'number' && Number.isFinite(rawVersion)) appVersion = String(rawVersion);
    badOption(
      problems,
      'appVersion',
      'a non-empty string',
      rawVersion,
      appVersion ? `using "${appVersion}"` : 'ignored',
    );
  }

  return {
    server: sdkKey !== undefined && baseUrl !== undefined ? { sdkKey, baseUrl } : undefined,
    appVersion,
    stream: readBoolean(o, 'stream', true, problems),
    pollIntervalMs: readMs(o, 'pollIntervalMs', DEFAULT_POLL_INTERVAL_MS, problems, MIN_POLL_INTERVAL_MS),
    timeoutMs: readMs(o, 'timeoutMs', DEFAULT_TIMEOUT_MS, problems),
    logger,
    clock:
      isObject(o.clock) && typeof o.clock.now === 'function' ? (o.clock as unknown as Clock) : systemClock,
    random: typeof o.random === 'function' ? (o.random as () => number) : Math.random,
    // Called through a wrapper: browsers refuse a `fetch` called as a method of another object.
    fetch:
      typeof o.fetch === 'function'
        ? (o.fetch as SnapshotFetch)
        : (url, init) => fetch(url, init) as ReturnType<SnapshotFetch>,
  };
}
