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
  mustBe,
  OBJECT,
  readBootstrap,
  SdkClient,
  toFlagstaffContext,
} from '@flagstaff/sdk-core/client';
import { CompileGate } from './compile-gate.js';
import { eventSourceStream } from './event-source-stream.js';
import { resolveOptions, type WebClientOptions } from './options.js';
import { snapshotCache } from './snapshot-cache.js';

// identify() checks its context as the `context` option is checked.
const [AN_OBJECT, asObject] = OBJECT;

export class FlagstaffWebClient extends SdkClient {
  readonly #appVersion: string | undefined;
  /** The context every evaluation uses: the page's, with appVersion added. */
  #context: EvaluationContext;

  /** Prefer `createClient(options)`. Never throws. */
  constructor(options?: WebClientOptions) {
    const resolved = resolveOptions(options);
    super(resolved);
    this.#appVersion = resolved.appVersion;
    this.#context = this.#withAppVersion(resolved.context);

    const core = this.core;
    const { server, storage, bootstrap } = resolved;
    const cache = server && storage && snapshotCache(storage, server.sdkKey, this.logger);
    const gate = new CompileGate(core, {
      loadPatternEngine: resolved.loadPatternEngine,
      // Only the server's snapshots are cached (serverVersion is set while one is held).
      applied: () => {
        if (core.serverVersion !== undefined) cache?.write(core.snapshot!);
      },
      resync: (reason) => this.feed?.resync(reason),
    });

    // The newer of the bootstrap and the cached snapshot (the bootstrap when they tie).
    let initial: Snapshot | undefined;
    try {
      if (bootstrap !== undefined) initial = readBootstrap(bootstrap, 'the bootstrap');
    } catch (e) {
      core.report(e as FlagstaffError); // readBootstrap throws BOOTSTRAP errors only
    }
    const cached = cache?.read();
    if (cached && !(initial && initial.version >= cached.version)) initial = cached;
    if (initial) {
      // It may wait for the regex engine: a snapshot is coming all the same.
      this.snapshotExpected = true;
      gate.fromBootstrap(initial);
    }
    // Without EventSource, options turned streaming off: the transport is never opened.
    this.follow(({ baseUrl, sdkKey }) => eventSourceStream(baseUrl, sdkKey, resolved.EventSource!), gate);
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
    const next = context == null ? {} : asObject(context, 0);
    if (next) this.#context = this.#withAppVersion(next as EvaluationContext);
    else {
      const problem = mustBe('identify: the context', AN_OBJECT, context, 'kept the previous one');
      this.core.report(new FlagstaffError('INVALID_OPTION', problem));
    }
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
    return this.detailFor(flagKey, 'boolean', defaultValue, this.#context);
  }

  stringVariationDetail(flagKey: string, defaultValue: string): EvaluationDetail<string> {
    return this.detailFor(flagKey, 'string', defaultValue, this.#context);
  }

  numberVariationDetail(flagKey: string, defaultValue: number): EvaluationDetail<number> {
    return this.detailFor(flagKey, 'number', defaultValue, this.#context);
  }

  jsonVariationDetail<T extends JsonValue>(flagKey: string, defaultValue: T): EvaluationDetail<T> {
    return this.detailFor(flagKey, 'object', defaultValue, this.#context);
  }

  /** A flag of any kind, with `null` as the default (for generic tooling). */
  variationDetail(flagKey: string): EvaluationDetail<FlagValue | null> {
    return this.detailFor<FlagValue | null>(flagKey, undefined, null, this.#context);
  }

  // --- internals ---------------------------------------------------------------------------

  /** Dates become ISO strings (as with OpenFeature contexts); appVersion is added unless set. */
  #withAppVersion(context: EvaluationContext): EvaluationContext {
    const mapped = toFlagstaffContext(context) ?? {};
    if (this.#appVersion === undefined || mapped.appVersion !== undefined) return mapped;
    return { ...mapped, appVersion: this.#appVersion };
  }
}

/** Creates a client and starts delivery. Never throws; see WebClientOptions for what each option does. */
export function createClient(options?: WebClientOptions): FlagstaffWebClient {
  return new FlagstaffWebClient(options);
}
