// What the SDK clients (sdk-node's FlagstaffClient, sdk-web's FlagstaffWebClient) share around
// their ClientState and SnapshotFeed: status, readiness, events, close, configuration, and the
// guarded evaluation calls. Each platform adds how it is configured and which context an
// evaluation uses (the caller's in Node, the page's current one in browsers).
import type { Evaluator } from '../evaluator.js';
import type { EvaluationContext, EvaluationDetail, JsonValue } from '../model.js';
import {
  ClientState,
  failed,
  notReady,
  type ClientEvents,
  type ClientStatus,
  type SnapshotSink,
} from './client-state.js';
import type { Clock } from './clock.js';
import type { DeliveryOptions } from './delivery-options.js';
import type { Listener } from './emitter.js';
import { FlagstaffError } from './flagstaff-error.js';
import { SafeLogger, type FlagstaffLogger } from './logger.js';
import { startSnapshotFeed, type SnapshotFeed, type StreamTransport } from './snapshot-feed.js';
import type { SnapshotStore } from './snapshot-store.js';

export interface WaitForReadyOptions {
  /** Default: the client's timeoutMs. */
  timeoutMs?: number;
}

export abstract class SdkClient {
  protected readonly logger: SafeLogger;
  protected readonly core: ClientState;
  /** Set by the platform when the client has a server to follow. */
  protected feed: SnapshotFeed | undefined;
  /** Whether a snapshot is held or may come (a server, or a bootstrap still being applied). */
  protected snapshotExpected = false;
  readonly #timeoutMs: number;
  #closing: Promise<void> | undefined;

  /**
   * `problems`: what was wrong with the options, each reported as an INVALID_OPTION error.
   * `store`: where snapshots are held, when the platform has its own (see ClientState).
   */
  protected constructor(
    logger: FlagstaffLogger,
    clock: Clock,
    timeoutMs: number,
    problems: readonly string[],
    store?: SnapshotStore,
  ) {
    this.logger = new SafeLogger(logger);
    this.core = new ClientState(this.logger, clock, store);
    this.#timeoutMs = timeoutMs;
    for (const problem of problems) this.core.report(new FlagstaffError('INVALID_OPTION', problem));
  }

  get status(): ClientStatus {
    return this.core.status;
  }

  /** The version of the snapshot served, or undefined before the first one. */
  get version(): number | undefined {
    return this.core.version;
  }

  /**
   * Resolves true once a snapshot (the server's or a bootstrap) is being served, false if none
   * arrived within `timeoutMs` (default: the client's timeoutMs), the client is offline without a
   * bootstrap, or it was closed. Never rejects; the client keeps trying after a false.
   */
  waitForReady(options: WaitForReadyOptions = {}): Promise<boolean> {
    if (!this.snapshotExpected && this.core.evaluator === undefined) return Promise.resolve(false);
    const ms = (options as WaitForReadyOptions | null)?.timeoutMs;
    return this.core.waitForReady(Number.isFinite(ms) && ms! >= 0 ? ms! : this.#timeoutMs);
  }

  /** A configuration entry's value (frozen), or undefined when the snapshot has no such entry. */
  getConfig(key: string): JsonValue | undefined {
    try {
      return this.core.evaluator?.configEntry(key)?.value;
    } catch {
      return undefined;
    }
  }

  /** Listeners run on a microtask; one that throws or rejects is logged and reported as `error`. */
  on<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): this {
    this.core.on(event, listener);
    return this;
  }

  once<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): this {
    this.core.once(event, listener);
    return this;
  }

  off<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): this {
    this.core.off(event, listener);
    return this;
  }

  /**
   * Stops the stream, polling and timers; pending waitForReady calls resolve false. Evaluations
   * keep answering from the last snapshot. Idempotent: every call returns the same promise.
   */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.core.close();
    return (this.#closing = (this.feed?.close() ?? Promise.resolve()).catch((e: unknown) => {
      this.logger.error('error while closing:', e);
    }));
  }

  /**
   * Follows the server the options name, if any, through the platform's stream transport; the
   * snapshot requests carry the key and the platform's `headers`. A failure to start is logged,
   * never thrown. Offline with nothing to serve, says so.
   */
  protected follow(
    options: DeliveryOptions,
    transport: (server: { baseUrl: URL; sdkKey: string }) => StreamTransport,
    headers: Record<string, string> = {},
    sink: SnapshotSink = this.core,
  ): void {
    const { server } = options;
    if (server === undefined) {
      if (!this.snapshotExpected && this.core.evaluator === undefined) {
        this.logger.warn('offline without a bootstrap snapshot: every evaluation returns its default');
      }
      return;
    }
    this.snapshotExpected = true;
    try {
      const { baseUrl, sdkKey } = server;
      headers = { authorization: `Bearer ${sdkKey}`, accept: 'application/json', ...headers };
      this.feed = startSnapshotFeed(
        { ...options, baseUrl, headers, logger: this.logger },
        transport(server),
        sink,
      );
    } catch (e) {
      this.logger.error('could not start delivery:', e);
    }
  }

  // --- evaluation: synchronous, straight to sdk-core; never throws -----------------------------

  protected booleanValueFor(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext | undefined,
  ): boolean {
    try {
      return this.core.evaluator?.booleanValue(flagKey, defaultValue, context) ?? defaultValue;
    } catch {
      return defaultValue;
    }
  }

  /** What `evaluate` says with the evaluator held; before the first snapshot, or if it throws, the default. */
  protected detailFor<T>(
    defaultValue: T,
    evaluate: (evaluator: Evaluator) => EvaluationDetail<T>,
  ): EvaluationDetail<T> {
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluate(evaluator);
    } catch (e) {
      return failed(defaultValue, e);
    }
  }
}
