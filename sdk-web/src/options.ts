// createClient's options: the delivery options every SDK shares (sdk-core/client), plus what a
// page adds: the context, a bootstrap rendered into the page, and the localStorage cache. A bad
// option is reported and replaced by its default; a server key is refused outright.
import type { EvaluationContext, Snapshot } from '@flagstaff/sdk-core';
import {
  badOption,
  DELIVERY_OPTION_NAMES,
  isObject,
  optionsObject,
  readBoolean,
  readDeliveryOptions,
  type DeliveryOptions,
  type PatternEngine,
  type SharedClientOptions,
} from '@flagstaff/sdk-core/client';
import type { EventSourceConstructor } from './event-source-stream.js';
import type { SnapshotStorage } from './snapshot-cache.js';

export interface WebClientOptions extends SharedClientOptions {
  /** A client SDK key (`fsc_…`). Without it (or without baseUrl) the client is offline. */
  clientKey?: string;
  /** Who the page evaluates for; `identify()` changes it. Default: an empty context. */
  context?: EvaluationContext;
  /** A snapshot, or its JSON text (e.g. rendered into the page by the server), served until the server's arrives. */
  bootstrap?: Snapshot | string;
  /** Keep the last snapshot in localStorage for the next page load (default true). */
  cache?: boolean;
  /** @internal Where the cache lives (default localStorage). */
  storage?: SnapshotStorage;
  /** @internal The EventSource class (default the browser's). */
  EventSource?: EventSourceConstructor;
  /** @internal Loads the regex engine (default: the re2js chunk, with a dynamic import). */
  loadPatternEngine?: () => Promise<PatternEngine>;
}

export interface ResolvedOptions extends DeliveryOptions {
  context: EvaluationContext;
  bootstrap: Snapshot | string | undefined;
  /** Undefined when caching is off or there is no storage. */
  storage: SnapshotStorage | undefined;
  EventSource: EventSourceConstructor | undefined;
  loadPatternEngine: () => Promise<PatternEngine>;
  /** What was wrong, one sentence each; every one was defaulted. */
  problems: string[];
}

const KNOWN = new Set<string>([
  'clientKey',
  'context',
  'bootstrap',
  'cache',
  'storage',
  'EventSource',
  'loadPatternEngine',
  ...DELIVERY_OPTION_NAMES,
]);
const CLIENT_KEY = { name: 'clientKey', prefixes: ['fsc_'] };
const EMPTY_CONTEXT: EvaluationContext = Object.freeze({});

const loadRe2js = () => import('@flagstaff/sdk-core/re2js').then((m) => m.re2jsEngine);

/**
 * A context option or identify() argument: an object, or undefined/null for an empty one. Anything
 * else is a problem (saying what is done `instead`), and undefined is returned.
 */
export function readContext(
  value: unknown,
  what: string,
  instead: string,
  problems: string[],
): EvaluationContext | undefined {
  if (value === undefined || value === null) return EMPTY_CONTEXT;
  if (isObject(value) && !Array.isArray(value)) return value as EvaluationContext;
  badOption(problems, what, 'an object', value, instead);
  return undefined;
}

function defaultStorage(): SnapshotStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    // Reading localStorage throws where the page may not use it (sandboxed frames, blocked cookies).
    return undefined;
  }
}

export function resolveOptions(input: unknown): ResolvedOptions {
  const problems: string[] = [];
  let o = optionsObject(input, KNOWN, problems);

  // A server key sees every flag, secrets included: it must never reach a page.
  if (typeof o.clientKey === 'string' && o.clientKey.trim().startsWith('fss_')) {
    problems.push('clientKey is a server key (fss_…), which must never be used in a browser; ignored');
    o = { ...o, clientKey: undefined };
  }
  const delivery = readDeliveryOptions(o, CLIENT_KEY, problems);

  const context = readContext(o.context, 'context', 'using an empty one', problems) ?? EMPTY_CONTEXT;

  let bootstrap: ResolvedOptions['bootstrap'];
  if (o.bootstrap != null) {
    if (typeof o.bootstrap === 'string' || isObject(o.bootstrap)) {
      bootstrap = o.bootstrap as ResolvedOptions['bootstrap'];
    } else badOption(problems, 'bootstrap', 'a snapshot object or its JSON text', o.bootstrap, 'ignored');
  }

  const storage = !readBoolean(o, 'cache', true, problems)
    ? undefined
    : isObject(o.storage) && typeof o.storage.getItem === 'function'
      ? (o.storage as unknown as SnapshotStorage)
      : defaultStorage();

  const EventSourceImpl =
    typeof o.EventSource === 'function'
      ? (o.EventSource as EventSourceConstructor)
      : (globalThis.EventSource as EventSourceConstructor | undefined);
  let stream = delivery.stream;
  if (stream && delivery.server !== undefined && EventSourceImpl === undefined) {
    problems.push('this environment has no EventSource; polling instead');
    stream = false;
  }

  const loadPatternEngine =
    typeof o.loadPatternEngine === 'function'
      ? (o.loadPatternEngine as () => Promise<PatternEngine>)
      : loadRe2js;

  return {
    ...delivery,
    stream,
    context,
    bootstrap,
    storage,
    EventSource: EventSourceImpl,
    loadPatternEngine,
    problems,
  };
}
