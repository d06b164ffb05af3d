// createClient's options. A bad option is reported (logger.warn and an `error` event) and replaced
// by its default: a typo in configuration must never take the host application down.
import type { Snapshot } from '@flagstaff/sdk-core';
import { systemClock, type Clock } from './clock.js';
import { consoleLogger, type FlagstaffLogger } from './logger.js';

export interface ClientOptions {
  /** A server SDK key (`fss_…`). Without it (or without baseUrl) the client is offline. */
  sdkKey?: string;
  /** Where the Flagstaff server answers, e.g. `https://flags.example.com` (a path prefix is kept). */
  baseUrl?: string | URL;
  /** The running application's version, added to every evaluation context as `appVersion`. */
  appVersion?: string;
  /** Follow the SSE stream (default true); false polls only. */
  stream?: boolean;
  /** Polling period in ms: always with stream false, while the stream is down otherwise. Default 30000, at least 1000. */
  pollIntervalMs?: number;
  /** Timeout of one request in ms, and waitForReady's default. Default 5000. */
  timeoutMs?: number;
  /** A snapshot, or the path of a JSON file holding one, served until the server's arrives. */
  bootstrap?: Snapshot | string | URL;
  /** Defaults to warnings and errors on the console. */
  logger?: FlagstaffLogger;
  /** @internal Time source, for tests. */
  clock?: Clock;
  /** @internal Uniform [0, 1) draw for backoff jitter, for tests. */
  random?: () => number;
  /** @internal HTTP client for snapshot requests, for tests (the stream uses node:http/https). */
  fetch?: typeof fetch;
}

export const DEFAULT_POLL_INTERVAL_MS = 30_000;
export const MIN_POLL_INTERVAL_MS = 1_000;
export const DEFAULT_TIMEOUT_MS = 5_000;

export interface ResolvedOptions {
  /** Both set, or the client is offline. */
  server: { sdkKey: string; baseUrl: URL } | undefined;
  appVersion: string | undefined;
  stream: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  bootstrap: Snapshot | string | URL | undefined;
  logger: FlagstaffLogger;
  clock: Clock;
  random: () => number;
  fetch: typeof fetch;
  /** What was wrong, one sentence each; every one was defaulted. */
  problems: string[];
}

const KNOWN = new Set([
  'sdkKey',
  'baseUrl',
  'appVersion',
  'stream',
  'pollIntervalMs',
  'timeoutMs',
  'bootstrap',
  'logger',
  'clock',
  'random',
  'fetch',
]);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const show = (x: unknown) => (typeof x === 'string' ? JSON.stringify(x) : String(x));

function positiveMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

export function resolveOptions(input: unknown): ResolvedOptions {
  const problems: string[] = [];
  let o: Record<string, unknown> = {};
  if (isObject(input)) o = input;
  else if (input !== undefined)
    problems.push(`options must be an object, got ${show(input)}; using defaults`);

  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) problems.push(`unknown option ${show(key)} ignored`);
  }

  let logger: FlagstaffLogger = consoleLogger;
  if (o.logger !== undefined) {
    if (isObject(o.logger) || typeof o.logger === 'function') logger = o.logger as FlagstaffLogger;
    else problems.push(`logger must be an object with warn/error methods; using the console`);
  }

  let sdkKey: string | undefined;
  if (o.sdkKey !== undefined && o.sdkKey !== '') {
    if (typeof o.sdkKey !== 'string') problems.push('sdkKey must be a string; ignored');
    else {
      sdkKey = o.sdkKey.trim();
      if (!/^fs[sc]_/.test(sdkKey)) {
        problems.push('sdkKey does not look like an SDK key (fss_… or fsc_…); using it anyway');
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
  if (sdkKey !== undefined && baseUrl === undefined) offlineReason = 'sdkKey given without a usable baseUrl';
  if (sdkKey === undefined && baseUrl !== undefined) offlineReason = 'baseUrl given without an sdkKey';
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

  let bootstrap: ResolvedOptions['bootstrap'];
  if (o.bootstrap !== undefined && o.bootstrap !== null) {
    if (typeof o.bootstrap === 'string' || o.bootstrap instanceof URL || isObject(o.bootstrap)) {
      bootstrap = o.bootstrap as ResolvedOptions['bootstrap'];
    } else problems.push(`bootstrap must be a snapshot object or a file path; ignored`);
  }

  const clock =
    isObject(o.clock) && typeof o.clock.now === 'function' ? (o.clock as unknown as Clock) : systemClock;
  const random = typeof o.random === 'function' ? (o.random as () => number) : Math.random;
  const fetchImpl = typeof o.fetch === 'function' ? (o.fetch as typeof fetch) : globalThis.fetch;

  return {
    server: sdkKey !== undefined && baseUrl !== undefined ? { sdkKey, baseUrl } : undefined,
    appVersion,
    stream,
    pollIntervalMs,
    timeoutMs,
    bootstrap,
    logger,
    clock,
    random,
    fetch: fetchImpl,
    problems,
  };
}
