// What the SDK clients (sdk-node's FlagstaffClient, sdk-web's FlagstaffWebClient) share around
// their ClientState and SnapshotFeed: status, readiness, events, close, configuration, and the
// guarded evaluation calls. Each platform adds how it is configured and which context an
// evaluation uses (the caller's in Node, the page's current one in browsers).
import type { Evaluator } from '../evaluator.js';
import type { EvaluationContext, EvaluationDetail, FlagValue, JsonValue } from '../model.js';
import { ClientState, failed, notReady, type ClientEvents, type ClientStatus } from './client-state.js';
import type { Clock } from './clock.js';
import type { DeliveryOptions } from './delivery-options.js';
import type { Listener } from './emitter.js';
import { FlagstaffError } from './flagstaff-error.js';
import { SafeLogger, type FlagstaffLogger } from './logger.js';
import { SnapshotFeed, type StreamTransport } from './snapshot-feed.js';
import type { SnapshotSink } from './client-state.js';

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
  private closing: Promise<void> | undefined;

  /**
   * `problems`: what was wrong with the options, each reported as an INVALID_OPTION error.
   * `server`: the server and key followed, if any; clients of one key in a process share compiled
   * snapshots (see SnapshotStore).
   */
  protected constructor(
    logger: FlagstaffLogger,
    clock: Clock,
    private readonly timeoutMs: number,
    problems: readonly string[],
    server?: { baseUrl: URL; sdkKey: string },
  ) {
    this.logger = new SafeLogger(logger);
    this.core = new ClientState(this.logger, clock, server && `${server.baseUrl.href} ${server.sdkKey}`);
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
    const requested = typeof options === 'object' && options !== null ? options.timeoutMs : undefined;
    const timeoutMs =
      typeof requested === 'number' && requested >= 0 && Number.isFinite(requested)
        ? requested
        : this.timeoutMs;
    return this.core.waitForReady(timeoutMs);
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
    if (this.closing) return this.closing;
    this.core.close();
    this.closing = (this.feed?.close() ?? Promise.resolve()).catch((e: unknown) => {
      this.logger.error('error while closing:', e);
    });
    return this.closing;
  }

  /**
   * Starts following the server with the platform's stream transport and snapshot headers (the
   * key, and what the platform adds); a failure to start is logged, never thrown.
   */
  protected follow(
    options: DeliveryOptions,
    baseUrl: URL,
    headers: Record<string, string>,
    transport: StreamTransport,
    sink: SnapshotSink = this.core,
  ): void {
    const feed = (this.feed = new SnapshotFeed(
      {
        baseUrl,
        headers,
        stream: options.stream,
        pollIntervalMs: options.pollIntervalMs,
        timeoutMs: options.timeoutMs,
        clock: options.clock,
        random: options.random,
        fetch: options.fetch,
        logger: this.logger,
      },
      transport,
      sink,
    ));
    this.snapshotExpected = true;
    try {
      feed.start();
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
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return defaultValue;
    try {
      return evaluator.booleanValue(flagKey, defaultValue, context);
    } catch {
      return defaultValue;
    }
  }

  protected booleanDetailFor(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext | undefined,
  ): EvaluationDetail<boolean> {
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.booleanDetail(flagKey, defaultValue, context);
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  protected stringDetailFor(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext | undefined,
  ): EvaluationDetail<string> {
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.stringDetail(flagKey, defaultValue, context);
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  protected numberDetailFor(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext | undefined,
  ): EvaluationDetail<number> {
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.numberDetail(flagKey, defaultValue, context);
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  protected jsonDetailFor<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext | undefined,
  ): EvaluationDetail<T> {
    const evaluator = this.core.evaluator;
    if (evaluator === undefined) return notReady(defaultValue);
    try {
      return evaluator.objectDetail(flagKey, defaultValue, context);
    } catch (e) {
      return failed(defaultValue, e);
    }
  }

  protected anyDetailFor(
    flagKey: string,
    context: EvaluationContext | undefined,
  ): EvaluationDetail<FlagValue | null> {
    const evaluator: Evaluator | undefined = this.core.evaluator;
    if (evaluator === undefined) return notReady(null);
    try {
      return evaluator.evaluate(flagKey, context);
    } catch (e) {
      return failed(null, e);
    }
  }
}
