// FlagstaffProvider: the Node client behind OpenFeature's server SDK. Evaluation stays local and
// synchronous (the promise is already resolved); details map one to one, since sdk-core uses
// OpenFeature's reasons and error codes.
import type { EvaluationDetail, JsonValue as FlagstaffJson } from '@flagstaff/sdk-core';
import {
  ErrorCode,
  GeneralError,
  OpenFeatureEventEmitter,
  ProviderEvents,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import { createClient, FlagstaffClient, type ClientEvents } from './client.js';
import { toFlagstaffContext } from '@flagstaff/sdk-core/client';
import type { ClientOptions } from './options.js';

const ERROR_CODES: Readonly<Record<NonNullable<EvaluationDetail<unknown>['errorCode']>, ErrorCode>> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  TARGETING_KEY_MISSING: ErrorCode.TARGETING_KEY_MISSING,
  INVALID_CONTEXT: ErrorCode.INVALID_CONTEXT,
  PARSE_ERROR: ErrorCode.PARSE_ERROR,
  GENERAL: ErrorCode.GENERAL,
};

type ProviderState = 'pending' | 'ready' | 'stale' | 'error';

export class FlagstaffProvider implements Provider {
  readonly metadata = { name: 'flagstaff' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  /** The client evaluations go to. */
  readonly client: FlagstaffClient;
  private readonly ownsClient: boolean;
  /** The state last announced, so READY is never sent twice in a row. */
  private state: ProviderState = 'pending';
  private readonly listeners: { [E in keyof ClientEvents]: (payload: ClientEvents[E]) => void };

  /**
   * With options, the provider creates its client (delivery starts now) and closes it in onClose.
   * With a client, it shares that client and leaves closing it to the caller.
   */
  constructor(clientOrOptions?: FlagstaffClient | ClientOptions) {
    this.ownsClient = !(clientOrOptions instanceof FlagstaffClient);
    this.client =
      clientOrOptions instanceof FlagstaffClient ? clientOrOptions : createClient(clientOrOptions);
    this.listeners = {
      ready: () => this.announce('ready', ProviderEvents.Ready),
      stale: ({ message }) => this.announce('stale', ProviderEvents.Stale, message),
      change: ({ keys }) => {
        if (keys.length > 0) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: keys });
      },
      // Once a snapshot is held, lost contact is STALE, not ERROR: evaluation still works.
      error: (error) => {
        if (this.client.version === undefined)
          this.announce('error', ProviderEvents.Error, error.message, true);
      },
    };
    for (const [event, listener] of Object.entries(this.listeners)) {
      this.client.on(event as keyof ClientEvents, listener as never);
    }
  }

  /**
   * Resolves once the client serves a snapshot; rejects (OpenFeature then reports PROVIDER_ERROR)
   * when none arrived within the client's timeoutMs. The client keeps trying, and READY follows
   * when a snapshot arrives.
   */
  async initialize(): Promise<void> {
    const ready = await this.client.waitForReady();
    if (ready) {
      this.state = 'ready';
      return;
    }
    this.state = 'error';
    throw new GeneralError(
      this.client.status === 'closed'
        ? 'flagstaff: the client is closed'
        : 'flagstaff: no snapshot yet; evaluations return their defaults until one arrives',
    );
  }

  async onClose(): Promise<void> {
    for (const [event, listener] of Object.entries(this.listeners)) {
      this.client.off(event as keyof ClientEvents, listener as never);
    }
    if (this.ownsClient) await this.client.close();
  }

  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    if (this.client.version === undefined) return notReady(defaultValue);
    return resolved(this.client.booleanVariationDetail(flagKey, defaultValue, toFlagstaffContext(context)));
  }

  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    if (this.client.version === undefined) return notReady(defaultValue);
    return resolved(this.client.stringVariationDetail(flagKey, defaultValue, toFlagstaffContext(context)));
  }

  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    if (this.client.version === undefined) return notReady(defaultValue);
    return resolved(this.client.numberVariationDetail(flagKey, defaultValue, toFlagstaffContext(context)));
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    if (this.client.version === undefined) return notReady(defaultValue);
    const detail = this.client.jsonVariationDetail(
      flagKey,
      defaultValue as unknown as FlagstaffJson,
      toFlagstaffContext(context),
    );
    return resolved(detail as unknown as EvaluationDetail<T>);
  }

  private announce(state: ProviderState, event: ProviderEvents, message?: string, repeat = false): void {
    // Until initialize settles, OpenFeature derives the status from it; events would race it.
    if (this.state === 'pending' || (this.state === state && !repeat)) return;
    this.state = state;
    this.events.emit(event, message === undefined ? {} : { message });
  }
}

function resolved<T>(detail: EvaluationDetail<T>): Promise<ResolutionDetails<T>> {
  return Promise.resolve({
    value: detail.value,
    variant: detail.variant,
    reason: detail.reason,
    errorCode: detail.errorCode === undefined ? undefined : ERROR_CODES[detail.errorCode],
    errorMessage: detail.errorMessage,
    flagMetadata: detail.flagMetadata,
  });
}

function notReady<T>(defaultValue: T): Promise<ResolutionDetails<T>> {
  return Promise.resolve({
    value: defaultValue,
    reason: 'ERROR',
    errorCode: ErrorCode.PROVIDER_NOT_READY,
    errorMessage: 'flagstaff: no snapshot yet',
  });
}
