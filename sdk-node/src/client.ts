// The Node SDK client: holds the environment's snapshot (bootstrap, then the server's), keeps it
// current through SnapshotFeed, and evaluates synchronously with sdk-core. Nothing here throws into
// the host application: bad options, network failures and listener exceptions are reported through
// the logger and the `error` event.
import type {
  EvaluationContext,
  EvaluationDetail,
  Evaluator,
  FlagValue,
  JsonValue,
  Snapshot,
} from '@flagstaff/sdk-core';
import { loadBootstrap } from './bootstrap.js';
import { ContainedEmitter, type Listener } from './emitter.js';
import { FlagstaffError } from './flagstaff-error.js';
import { SafeLogger } from './logger.js';
import { resolveOptions, type ClientOptions, type ResolvedOptions } from './options.js';
import type { SnapshotPatch } from './protocol.js';
import { SnapshotFeed } from './snapshot-feed.js';
import { SnapshotStore, type AppliedSnapshot } from './snapshot-store.js';

/**
 * `initializing`: no snapshot yet (evaluations return the caller's default). `ready`: serving a
 * snapshot, in contact with the server (or offline with a bootstrap). `stale`: serving the last
 * good snapshot while the server cannot be reached. `closed`: after close().
 */
export type ClientStatus = 'initializing' | 'ready' | 'stale' | 'closed';

export interface ReadyEvent {
  /** The version of the snapshot served. */
  version: number;
}

export interface ChangeEvent {
  /** Flags whose evaluation may differ: edited, added, removed, or depending on one that did (segments, prerequisites). */
  keys: string[];
  /** Configuration entries added, removed or changed. */
  configKeys: string[];
  version: number;
}

export interface StaleEvent {
  /** The version still being served. */
  version: number;
  message: string;
}

export interface ClientEvents {
  /** A snapshot is in: the first time, and again when contact returns after `stale`. */
  ready: ReadyEvent;
  /** A newer snapshot changed some flags or configuration entries. */
  change: ChangeEvent;
  /** Contact lost: the stream is down and polling fails too. The last good snapshot is still served. */
  stale: StaleEvent;
  error: FlagstaffError;
}

export interface WaitForReadyOptions {
  /** Default: the client's timeoutMs. */
  timeoutMs?: number;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

const EMPTY_METADATA = Object.freeze({});

export class FlagstaffClient {
  private readonly options: ResolvedOptions;
  private readonly logger: SafeLogger;
  private readonly emitter: ContainedEmitter<ClientEvents>;
  private readonly store = new SnapshotStore();
  private readonly feed: SnapshotFeed | undefined;
  /** The store's evaluator, read directly on the hot path. */
  private evaluator: Evaluator | undefined;
  private state: ClientStatus = 'initializing';
  private readonly readyWaiters = new Set<(ready: boolean) => void>();
  /** The context used when the caller gives none and appVersion is set. */
  private readonly appVersionContext: EvaluationContext | undefined;
  private closing: Promise<void> | undefined;

  /** Prefer `createClient(options)`. Never throws. */
  constructor(options?: ClientOptions) {
    let resolved: ResolvedOptions;
    try {
      resolved = resolveOptions(options);
    } catch (e) {
      // Options whose very reading throws (a hostile proxy): run offline on defaults.
      resolved = resolveOptions(undefined);
      resolved.problems.push(`options could not be read (${(e as Error)?.message}); using defaults`);
    }
    this.options = resolved;
    this.logger = new SafeLogger(resolved.logger);
    this.emitter = new ContainedEmitter<ClientEvents>((event, error) => this.listenerFailed(event, error));
    this.appVersionContext =
      resolved.appVersion === undefined ? undefined : Object.freeze({ appVersion: resolved.appVersion });

    for (const problem of resolved.problems) this.report(new FlagstaffError('INVALID_OPTION', problem));

    if (resolved.bootstrap !== undefined) {
      try {
        this.applied(this.store.replace(loadBootstrap(resolved.bootstrap), 'bootstrap'));
      } catch (e) {
        this.report(
          e instanceof FlagstaffError ? e : new FlagstaffError('BOOTSTRAP', `bootstrap: ${String(e)}`),
        );
      }
    }

    const server = resolved.server;
    if (server === undefined) {
      if (this.evaluator === undefined) {
        this.logger.warn('offline without a bootstrap snapshot: every evaluation returns its default');
      }
      return;
    }
    this.feed = new SnapshotFeed(
      {
        sdkKey: server.sdkKey,
        baseUrl: server.baseUrl,
        stream: resolved.stream,
        pollIntervalMs: resolved.pollIntervalMs,
        timeoutMs: resolved.timeoutMs,
        clock: resolved.clock,
        random: resolved.random,
        fetch: resolved.fetch,
        logger: this.logger,
      },
      {
        serverVersion: () => this.store.serverVersion,
        snapshot: (snapshot) => this.fromServer(snapshot),
        patch: (patch) => this.patch(patch),
        contact: (inContact) => this.contact(inContact),
        error: (error) => this.report(error),
      },
    );
    try {
      this.feed.start();
    } catch (e) {
      this.logger.error('could not start delivery:', e);
    }
  }

  get status(): ClientStatus {
    return this.state;
  }

  /** The version of the snapshot served, or undefined before the first one. */
  get version(): number | undefined {
    return this.store.version;
  }

  /**
   * Resolves true once a snapshot (the server's or the bootstrap) is being served, false if none
   * arrived within `timeoutMs` (default: the client's timeoutMs), the client is offline without a
   * bootstrap, or it was closed. Never rejects; the client keeps trying after a false.
   */
  waitForReady(options: WaitForReadyOptions = {}): Promise<boolean> {
    if (this.evaluator !== undefined) return Promise.resolve(true);
    if (this.state === 'closed' || this.feed === undefined) return Promise.resolve(false);
    const requested = isObject(options) ? options.timeoutMs : undefined;
    const timeoutMs =
      typeof requested === 'number' && requested >= 0 && Number.isFinite(requested)
        ? requested
        : this.options.timeoutMs;
    const { clock } = this.options;
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => finish(false), timeoutMs);
      const finish = (ready: boolean) => {
        clock.clearTimeout(timer);
        this.readyWaiters.delete(finish);
        resolve(ready);
      };
      this.readyWaiters.add(finish);
    });
  }

  // --- evaluation: synchronous, straight to sdk-core ------------------------------------------

  booleanVariation(flagKey: string, defaultValue: boolean, context?: EvaluationContext): boolean {
    const evaluator = this.evaluator;
    if (evaluator === undefined) return defaultValue;
    try {
      return evaluator.booleanValue(flagKey, defaultValue, this.withAppVersion(context));
    } catch {
      return defaultValue;
    }
  }

  stringVariation(flagKey: string, defaultValue: string, context?: EvaluationContext): string {
    return this.stringVariationDetail(flagKey, defaultValue, context).value;
  }

  numberVariation(flagKey: string, defaultValue: number, context?: EvaluationContext): number {
    return this.numberVariationDetail(flagKey, defaultValue, context).value;
  }

  /** Reads a `json` flag. The value is frozen and shared: copy it before changing it. */
  jsonVariation<T extends JsonValue>(flagKey: string, defaultValue: T, context?: EvaluationContext): T {
    return this.jsonVariationDetail(flagKey, defaultValue, context).value;
  }

  booleanVariationDetail(
    flagKey: string,
    defaultValue: boolean,
    context?: EvaluationContext,
  ): EvaluationDetail<boolean> {
    const evaluator = this.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.booleanDetail(flagKey, defaultValue, this.withAppVersion(context));
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  stringVariationDetail(
    flagKey: string,
    defaultValue: string,
    context?: EvaluationContext,
  ): EvaluationDetail<string> {
    const evaluator = this.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.stringDetail(flagKey, defaultValue, this.withAppVersion(context));
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  numberVariationDetail(
    flagKey: string,
    defaultValue: number,
    context?: EvaluationContext,
  ): EvaluationDetail<number> {
    const evaluator = this.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.numberDetail(flagKey, defaultValue, this.withAppVersion(context));
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  jsonVariationDetail<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context?: EvaluationContext,
  ): EvaluationDetail<T> {
    const evaluator = this.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.objectDetail(flagKey, defaultValue, this.withAppVersion(context));
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  /** A flag of any kind, with `null` as the default (for generic tooling, like OFREP). */
  variationDetail(flagKey: string, context?: EvaluationContext): EvaluationDetail<FlagValue | null> {
    const evaluator = this.evaluator;
    if (evaluator === undefined) return notReady(null);
    try {
      return evaluator.evaluate(flagKey, this.withAppVersion(context));
    } catch (e) {
      return failed(null, e);
    }
  }

  /** A configuration entry's value (frozen), or undefined when the snapshot has no such entry. */
  getConfig(key: string): JsonValue | undefined {
    try {
      return this.evaluator?.configEntry(key)?.value;
    } catch {
      return undefined;
    }
  }

  // --- events ------------------------------------------------------------------------------

  /** Listeners run on a microtask; one that throws or rejects is logged and reported as `error`. */
  on<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): this {
    this.emitter.on(event, listener);
    return this;
  }

  once<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): this {
    this.emitter.once(event, listener);
    return this;
  }

  off<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): this {
    this.emitter.off(event, listener);
    return this;
  }

  /**
   * Stops the stream, polling and timers; pending waitForReady calls resolve false. Evaluations
   * keep answering from the last snapshot. Idempotent: every call returns the same promise.
   */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.state = 'closed';
    for (const finish of [...this.readyWaiters]) finish(false);
    this.closing = (this.feed?.close() ?? Promise.resolve()).catch((e: unknown) => {
      this.logger.error('error while closing:', e);
    });
    return this.closing;
  }

  // --- internals ---------------------------------------------------------------------------

  /** The caller's context with `appVersion` added, unless it sets one (or no appVersion is configured). */
  private withAppVersion(context: EvaluationContext | undefined): EvaluationContext | undefined {
    const only = this.appVersionContext;
    if (only === undefined) return context;
    if (!isObject(context)) return only;
    if (context.appVersion !== undefined) return context;
    // Object.assign onto a literal is several times cheaper in V8 than `{ ...context, appVersion }`
    // (~70 bytes and ~40 ns against ~280 bytes and ~600 ns on Node 20).
    const merged: EvaluationContext = Object.assign({ appVersion: only.appVersion }, context);
    if (merged.appVersion === undefined) merged.appVersion = only.appVersion; // an own `appVersion: undefined`
    return merged;
  }

  private fromServer(snapshot: Snapshot): void {
    if (this.state === 'closed') return;
    this.applied(this.store.replace(snapshot, 'server'));
  }

  private patch(patch: SnapshotPatch): 'applied' | 'gap' {
    if (this.state === 'closed') return 'applied';
    const outcome = this.store.applyPatch(patch);
    if (outcome.kind === 'gap') return 'gap';
    if (outcome.kind === 'applied') this.applied(outcome);
    return 'applied';
  }

  private applied(result: AppliedSnapshot | undefined): void {
    if (result === undefined) return;
    const evaluator = this.store.evaluator!;
    this.evaluator = evaluator;
    if (evaluator.problems.length > 0) {
      const [p] = evaluator.problems;
      this.logger.warn(
        `snapshot ${result.version}: ${evaluator.problems.length} problem(s); affected flags return their default. First: ${p!.path}: ${p!.message}`,
      );
    }
    if (result.first) {
      if (this.state === 'initializing') this.state = 'ready';
      for (const finish of [...this.readyWaiters]) finish(true);
      this.emitter.emit('ready', { version: result.version });
    } else if (result.keys.length > 0 || result.configKeys.length > 0) {
      this.emitter.emit('change', {
        keys: result.keys,
        configKeys: result.configKeys,
        version: result.version,
      });
    }
  }

  private contact(inContact: boolean): void {
    const version = this.store.version;
    if (version === undefined) return;
    if (!inContact && this.state === 'ready') {
      this.state = 'stale';
      this.logger.warn(`lost contact with the server; serving snapshot ${version}`);
      this.emitter.emit('stale', { version, message: 'the stream and polling both fail' });
    } else if (inContact && this.state === 'stale') {
      this.state = 'ready';
      this.logger.info(`contact with the server restored at version ${version}`);
      this.emitter.emit('ready', { version });
    }
  }

  private report(error: FlagstaffError): void {
    if (error.code === 'LISTENER') this.logger.error(error.message, error.cause);
    else this.logger.warn(error.message);
    this.emitter.emit('error', error);
  }

  private listenerFailed(event: keyof ClientEvents, error: unknown): void {
    const message = `a listener for "${String(event)}" threw: ${(error as Error)?.message ?? String(error)}`;
    // An error listener that throws is only logged: reporting it would call it again.
    if (event === 'error') this.logger.error(message, error);
    else this.report(new FlagstaffError('LISTENER', message, { cause: error }));
  }
}

function notReady<T>(defaultValue: T): EvaluationDetail<T> {
  return {
    value: defaultValue,
    variant: undefined,
    reason: 'ERROR',
    errorCode: 'GENERAL',
    errorMessage: 'no snapshot yet: the client is not ready',
    flagMetadata: EMPTY_METADATA,
  };
}

function failed<T>(defaultValue: T, e: unknown): EvaluationDetail<T> {
  return {
    value: defaultValue,
    variant: undefined,
    reason: 'ERROR',
    errorCode: 'GENERAL',
    errorMessage: e instanceof Error ? e.message : String(e),
    flagMetadata: EMPTY_METADATA,
  };
}

/** Creates a client and starts delivery. Never throws; see ClientOptions for what each option does. */
export function createClient(options?: ClientOptions): FlagstaffClient {
  return new FlagstaffClient(options);
}
