// createClient's options: the delivery options every SDK shares (sdk-core/client), plus what a
// page adds: the context, a bootstrap rendered into the page, and the localStorage cache. A bad
// option is reported and replaced by its default; a server key is refused outright.
import type { EvaluationContext, Snapshot } from '@flagstaff/sdk-core';
import {
  BOOLEAN,
  DELIVERY_OPTIONS,
  deliveryOptions,
  FUNCTION,
  OBJECT,
  readOptions,
  snapshotSource,
  STRING,
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
}

const WEB_OPTIONS = {
  ...DELIVERY_OPTIONS,
  clientKey: [STRING],
  context: [OBJECT],
  bootstrap: [snapshotSource('a snapshot object or its JSON text')],
  cache: [BOOLEAN, true],
  storage: [OBJECT],
  EventSource: [FUNCTION],
  loadPatternEngine: [FUNCTION],
} as const;

const loadRe2js = () => import('@flagstaff/sdk-core/re2js').then((m) => m.re2jsEngine);

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
  const o = readOptions(input, WEB_OPTIONS, problems);
  let key = o.clientKey;
  // A server key sees every flag, secrets included: it must never reach a page.
  if (key?.trim().startsWith('fss_')) {
    problems.push('clientKey is a server key (fss_…), which must never be used in a browser; ignored');
    key = undefined;
  }
  const delivery = deliveryOptions(o, key, 'clientKey', problems);
  const EventSource = (o.EventSource ?? globalThis.EventSource) as EventSourceConstructor | undefined;
  if (delivery.stream && delivery.server && !EventSource) {
    problems.push('no EventSource here; polling instead');
    delivery.stream = false;
  }
  return {
    ...delivery,
    context: (o.context as EvaluationContext | undefined) ?? {},
    bootstrap: o.bootstrap as Snapshot | string | undefined,
    storage: o.cache ? ((o.storage as SnapshotStorage | undefined) ?? defaultStorage()) : undefined,
    EventSource,
    loadPatternEngine: (o.loadPatternEngine as (() => Promise<PatternEngine>) | undefined) ?? loadRe2js,
  };
}
