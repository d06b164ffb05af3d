// The browser SDK client: sdk-core/client's state and feed (snapshot, status, events, stream and
// polling) over the browser's fetch, EventSource and localStorage, and synchronous evaluation with
// sdk-core against the page's current context. Nothing here throws into the page: bad options,
// network failures and listener exceptions go to the logger and the `error` event.
import type {
  EvaluationContext,
  EvaluationDetail,
  FlagValue,
  JsonValue,
  Snapshot,
} from '@flagstaff/sdk-core';
import {
  FlagstaffError,
  readBootstrap,
  readOptionsSafely,
  SdkClient,
  toFlagstaffContext,
} from '@flagstaff/sdk-core/client';
import { eventSourceStream } from './event-source-stream.js';
import { readContext, resolveOptions, type WebClientOptions } from './options.js';
import { CompileGate } from './compile-gate.js';
import { snapshotCache } from './snapshot-cache.js';

export class FlagstaffWebClient extends SdkClient {
  readonly #appVersion: string | undefined;
  /** The context every evaluation uses: the page's, with appVersion added. */
  #context: EvaluationContext;

  /** Prefer `createClient(options)`. Never throws. */
  constructor(options?: WebClientOptions) {
    const resolved = readOptionsSafely(resolveOptions, options);
    super(resolved.logger, resolved.clock, resolved.timeoutMs, resolved.problems);
    this.#appVersion = resolved.appVersion;
    this.#context = this.#withAppVersion(resolved.context);

    const core = this.core;
    const { server, storage } = resolved;
    const cache = server && storage && snapshotCache(storage, server.sdkKey, this.logger);
    const gate = new CompileGate(core, {
      loadPatternEngine: resolved.loadPatternEngine,
      applied: () => {
        const snapshot = core.snapshot;
        if (snapshot !== undefined && core.serverVersion === snapshot.version) cache?.write(snapshot);
      },
      resync: (reason) => this.feed?.resync(reason),
    });

    const initial = newest(this.#bootstrap(resolved.bootstrap), cache?.read());
    if (initial !== undefined) {
      // It may wait for the regex engine: a snapshot is coming all the same.
      this.snapshotExpected = true;
      gate.fromBootstrap(initial);
    }
    // Without EventSource, options turned streaming off: the transport is never opened.
    this.follow(
      resolved,
      ({ baseUrl, sdkKey }) => eventSourceStream(baseUrl, sdkKey, resolved.EventSource!),
      {},
      gate,
    );
  }

  /** The context evaluations use (with `appVersion` when one is configured). */
  get context(): EvaluationContext {
    return this.#context;
  }

  /**
   * Evaluates for another context from now on: no request is made, the snapshot held already has
   * every client-side flag. A context that is not an object is reported and the previous one kept.
   */
  identify(context: EvaluationContext): void {
    const problems: string[] = [];
    const next = readContext(context, 'identify: the context', 'kept the previous one', problems);
    if (next) this.#context = this.#withAppVersion(next);
    else this.core.report(new FlagstaffError('INVALID_OPTION', problems[0]!));
  }

  // --- evaluation: synchronous, straight to sdk-core, for the current context -----------------

  booleanVariation(flagKey: string, defaultValue: boolean): boolean {
    return this.booleanValueFor(flagKey, defaultValue, this.#context);
  }

  stringVariation(flagKey: string, defaultValue: string): string {
    return this.stringVariationDetail(flagKey, defaultValue).value;
  }

  numberVariation(flagKey: string, defaultValue: number): number {
    return this.numberVariationDetail(flagKey, defaultValue).value;
  }

  /** Reads a `json` flag. The value is frozen and shared: copy it before changing it. */
  jsonVariation<T extends JsonValue>(flagKey: string, defaultValue: T): T {
    return this.jsonVariationDetail(flagKey, defaultValue).value;
  }

  booleanVariationDetail(flagKey: string, defaultValue: boolean): EvaluationDetail<boolean> {
    return this.detailFor(defaultValue, (e) => e.booleanDetail(flagKey, defaultValue, this.#context));
  }

  stringVariationDetail(flagKey: string, defaultValue: string): EvaluationDetail<string> {
    return this.detailFor(defaultValue, (e) => e.stringDetail(flagKey, defaultValue, this.#context));
  }

  numberVariationDetail(flagKey: string, defaultValue: number): EvaluationDetail<number> {
    return this.detailFor(defaultValue, (e) => e.numberDetail(flagKey, defaultValue, this.#context));
  }

  jsonVariationDetail<T extends JsonValue>(flagKey: string, defaultValue: T): EvaluationDetail<T> {
    return this.detailFor(defaultValue, (e) => e.objectDetail(flagKey, defaultValue, this.#context));
  }

  /** A flag of any kind, with `null` as the default (for generic tooling). */
  variationDetail(flagKey: string): EvaluationDetail<FlagValue | null> {
    return this.detailFor<FlagValue | null>(null, (e) => e.evaluate(flagKey, this.#context));
  }

  // --- internals ---------------------------------------------------------------------------

  #bootstrap(source: Snapshot | string | undefined): Snapshot | undefined {
    if (source === undefined) return undefined;
    try {
      return readBootstrap(source, 'the bootstrap');
    } catch (e) {
      this.core.report(e as FlagstaffError); // readBootstrap throws BOOTSTRAP errors only
      return undefined;
    }
  }

  /** Dates become ISO strings (as with OpenFeature contexts); appVersion is added unless set. */
  #withAppVersion(context: EvaluationContext): EvaluationContext {
    const mapped = toFlagstaffContext(context) ?? {};
    if (this.#appVersion === undefined || mapped.appVersion !== undefined) return mapped;
    return { ...mapped, appVersion: this.#appVersion };
  }
}

/** The newer of the bootstrap and the cached snapshot (the bootstrap when they tie). */
function newest(bootstrap: Snapshot | undefined, cached: Snapshot | undefined): Snapshot | undefined {
  if (bootstrap === undefined) return cached;
  if (cached === undefined) return bootstrap;
  return cached.version > bootstrap.version ? cached : bootstrap;
}

/** Creates a client and starts delivery. Never throws; see WebClientOptions for what each option does. */
export function createClient(options?: WebClientOptions): FlagstaffWebClient {
  return new FlagstaffWebClient(options);
}
