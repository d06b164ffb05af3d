// What both OpenFeature providers (sdk-node's server provider, sdk-web's web provider) share,
// whichever OpenFeature SDK they plug into: sdk-core's reasons and error codes are OpenFeature's
// own strings, so a detail maps one to one; and the client's events map to provider events.
// The event names and error codes are OpenFeature's enum values as strings (sdk-core does not
// depend on OpenFeature); each provider casts them to its SDK's enums.
import type { ErrorCode, EvaluationDetail, FlagMetadata } from '../model.js';
import type { ClientEvents, ClientStatus, Listener } from './client-state.js';

/** OpenFeature's ResolutionDetails, with its ErrorCode values as strings. */
export interface Resolution<T> {
  value: T;
  variant?: string;
  reason?: string;
  errorCode?: ErrorCode | 'PROVIDER_NOT_READY';
  errorMessage?: string;
  flagMetadata?: FlagMetadata;
}

export function resolution<T>(detail: EvaluationDetail<T>): Resolution<T> {
  return {
    value: detail.value,
    variant: detail.variant,
    reason: detail.reason,
    errorCode: detail.errorCode,
    errorMessage: detail.errorMessage,
    flagMetadata: detail.flagMetadata,
  };
}

/** Before the first snapshot: the default, with PROVIDER_NOT_READY. */
export function providerNotReady<T>(defaultValue: T): Resolution<T> {
  return {
    value: defaultValue,
    reason: 'ERROR',
    errorCode: 'PROVIDER_NOT_READY',
    errorMessage: 'flagstaff: no snapshot yet',
  };
}

/** OpenFeature's ProviderEvents values that a Flagstaff client's events become. */
export type ProviderEventName =
  'PROVIDER_READY' | 'PROVIDER_STALE' | 'PROVIDER_ERROR' | 'PROVIDER_CONFIGURATION_CHANGED';

// A type, not an interface: OpenFeature's emitters take Record<string, unknown>.
export type ProviderEventDetails = { message?: string; flagsChanged?: string[] };

/** The part of an SDK client the bridge listens to. */
export interface ClientEventSource {
  readonly version: number | undefined;
  readonly status: ClientStatus;
  waitForReady(): Promise<boolean>;
  on<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): unknown;
  off<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): unknown;
}

type ProviderState = 'pending' | 'ready' | 'stale' | 'error';

/**
 * Turns a client's ready/stale/change/error into provider events. Until the provider's initialize
 * settles, OpenFeature derives the status from it, so nothing is announced before `initialized`.
 */
export class ProviderEventBridge {
  /** The state last announced, so READY is never sent twice in a row. */
  #state: ProviderState = 'pending';
  readonly #client: ClientEventSource;
  readonly #emit: (event: ProviderEventName, details: ProviderEventDetails) => void;
  readonly #listeners: { [E in keyof ClientEvents]: Listener<ClientEvents[E]> };

  constructor(
    client: ClientEventSource,
    emit: (event: ProviderEventName, details: ProviderEventDetails) => void,
  ) {
    this.#client = client;
    this.#emit = emit;
    this.#listeners = {
      ready: () => this.#announce('ready', 'PROVIDER_READY'),
      stale: ({ message }) => this.#announce('stale', 'PROVIDER_STALE', message),
      change: ({ keys }) => {
        if (keys.length > 0) emit('PROVIDER_CONFIGURATION_CHANGED', { flagsChanged: keys });
      },
      // Once a snapshot is held, lost contact is STALE, not ERROR: evaluation still works.
      error: (error) => {
        if (client.version === undefined) this.#announce('error', 'PROVIDER_ERROR', error.message, true);
      },
    };
    for (const [event, listener] of Object.entries(this.#listeners)) {
      client.on(event as keyof ClientEvents, listener as never);
    }
  }

  /**
   * The provider's initialize: waits for the client's first snapshot (its timeoutMs at most).
   * Resolves undefined when one is served, or the message the provider must reject with
   * (OpenFeature then reports PROVIDER_ERROR); the client keeps trying, and READY follows.
   */
  async initialize(): Promise<string | undefined> {
    const ready = await this.#client.waitForReady();
    this.#state = ready ? 'ready' : 'error';
    if (ready) return undefined;
    return this.#client.status === 'closed'
      ? 'flagstaff: the client is closed'
      : 'flagstaff: no snapshot yet; evaluations return their defaults until one arrives';
  }

  detach(): void {
    for (const [event, listener] of Object.entries(this.#listeners)) {
      this.#client.off(event as keyof ClientEvents, listener as never);
    }
  }

  #announce(state: ProviderState, event: ProviderEventName, message?: string, repeat = false): void {
    if (this.#state === 'pending' || (this.#state === state && !repeat)) return;
    this.#state = state;
    this.#emit(event, message === undefined ? {} : { message });
  }
}
