// What the SDK clients (sdk-node's FlagstaffClient, sdk-web's FlagstaffWebClient) share around
// their ClientState and SnapshotFeed: status, readiness, events, close, configuration, and the
// guarded evaluation calls. Each platform adds how it is configured and which context an
// evaluation uses (the caller's in Node, the page's current one in browsers).
import { EMPTY_METADATA, makeDetail } from '../detail.js';
import type { EvaluationContext, EvaluationDetail, JsonValue, ValueType } from '../model.js';
import {
  ClientState,
  type ClientEvents,
  type ClientStatus,
  type Listener,
  type SnapshotSink,
} from './client-state.js';
import type { DeliveryOptions } from './delivery-options.js';
import { FlagstaffError, messageOf } from './flagstaff-error.js';
import { SafeLogger } from './logger.js';
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
  readonly #options: DeliveryOptions;
  #closing: Promise<void> | undefined;

  /**
   * Each of `options.problems` is reported as an INVALID_OPTION error. `store`: where snapshots
   * are held, when the platform has its own (see ClientState).
   */
  protected constructor(options: DeliveryOptions, store?: SnapshotStore) {
    this.#options = options;
    this.logger = new SafeLogger(options.logger);
    this.core = new ClientState(this.logger, options.clock, store);
    for (const problem of options.problems) this.core.report(new FlagstaffError('INVALID_OPTION', problem));
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
    return this.core.waitForReady(Number.isFinite(ms) && ms! >= 0 ? ms! : this.#options.timeoutMs);
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
    this.core.on(event, listener, true);
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
    this.core.close();
    return (this.#closing ??= (this.feed?.close() ?? Promise.resolve()).catch((e: unknown) => {
      this.logger.error('error while closing:', e);
    }));
  }

  /**
   * Follows the server the options name, if any, through the platform's stream transport into
   * `sink`; the snapshot requests carry the key and the platform's `headers`. A failure to start
   * is logged, never thrown. Offline with nothing to serve, says so.
   */
  protected follow(
    transport: (server: { baseUrl: URL; sdkKey: string }) => StreamTransport,
    sink: SnapshotSink = this.core,
    headers: Record<string, string> = {},
  ): void {
    const { server } = this.#options;
    if (server === undefined) {
      if (!this.snapshotExpected && this.core.evaluator === undefined) {
        this.logger.warn('offline without a bootstrap: evaluations return their defaults');
      }
      return;
    }
    this.snapshotExpected = true;
    try {
      const { baseUrl, sdkKey } = server;
      headers = { authorization: `Bearer ${sdkKey}`, accept: 'application/json', ...headers };
      this.feed = startSnapshotFeed(
        { ...this.#options, baseUrl, headers, logger: this.logger },
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

  /**
   * The detail of a flag of `type` (any type when undefined); before the first snapshot, or if the
   * evaluator throws, the default.
   */
  protected detailFor<T>(
    flagKey: string,
    type: ValueType | undefined,
    defaultValue: T,
    context: EvaluationContext | undefined,
  ): EvaluationDetail<T> {
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return failed(defaultValue, 'no snapshot yet');
    try {
      return evaluator.detail(flagKey, type, defaultValue, context);
    } catch (e) {
      return failed(defaultValue, e);
    }
  }
}

/** The detail of an evaluation that failed: asked before the first snapshot, or one that threw. */
const failed = <T>(defaultValue: T, e: unknown): EvaluationDetail<T> =>
  makeDetail(defaultValue, undefined, 'ERROR', 'GENERAL', messageOf(e), EMPTY_METADATA);
