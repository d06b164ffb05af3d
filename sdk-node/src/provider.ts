// FlagstaffProvider: the Node client behind OpenFeature's server SDK. Evaluation stays local and
// synchronous (the promise is already resolved); details and events map one to one
// (sdk-core/client's OpenFeature bridge, shared with sdk-web's provider).
import type { JsonValue as FlagstaffJson } from '@flagstaff/sdk-core';
import {
  GeneralError,
  OpenFeatureEventEmitter,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ProviderEvents,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import {
  ProviderEventBridge,
  providerNotReady,
  resolution,
  toFlagstaffContext,
  type Resolution,
} from '@flagstaff/sdk-core/client';
import { createClient, FlagstaffClient } from './client.js';
import type { ClientOptions } from './options.js';

export class FlagstaffProvider implements Provider {
  readonly metadata = { name: 'flagstaff' } as const;
  readonly runsOn = 'server' as const;
  readonly events = new OpenFeatureEventEmitter();
  /** The client evaluations go to. */
  readonly client: FlagstaffClient;
  private readonly ownsClient: boolean;
  private readonly bridge: ProviderEventBridge;

  /**
   * With options, the provider creates its client (delivery starts now) and closes it in onClose.
   * With a client, it shares that client and leaves closing it to the caller.
   */
  constructor(clientOrOptions?: FlagstaffClient | ClientOptions) {
    this.ownsClient = !(clientOrOptions instanceof FlagstaffClient);
    this.client =
      clientOrOptions instanceof FlagstaffClient ? clientOrOptions : createClient(clientOrOptions);
    this.bridge = new ProviderEventBridge(this.client, (event, details) =>
      this.events.emit(event as ProviderEvents, details),
    );
  }

  /** Resolves once the client serves a snapshot; rejects when none arrived within its timeoutMs. */
  async initialize(): Promise<void> {
    const problem = await this.bridge.initialize();
    if (problem !== undefined) throw new GeneralError(problem);
  }

  async onClose(): Promise<void> {
    this.bridge.detach();
    if (this.ownsClient) await this.client.close();
  }

  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    if (this.client.version === undefined) return resolved(providerNotReady(defaultValue));
    return resolved(
      resolution(this.client.booleanVariationDetail(flagKey, defaultValue, toFlagstaffContext(context))),
    );
  }

  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    if (this.client.version === undefined) return resolved(providerNotReady(defaultValue));
    return resolved(
      resolution(this.client.stringVariationDetail(flagKey, defaultValue, toFlagstaffContext(context))),
    );
  }

  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    if (this.client.version === undefined) return resolved(providerNotReady(defaultValue));
    return resolved(
      resolution(this.client.numberVariationDetail(flagKey, defaultValue, toFlagstaffContext(context))),
    );
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    if (this.client.version === undefined) return resolved(providerNotReady(defaultValue));
    const detail = this.client.jsonVariationDetail(
      flagKey,
      defaultValue as unknown as FlagstaffJson,
      toFlagstaffContext(context),
    );
    return resolved(resolution(detail) as Resolution<T>);
  }
}

/** sdk-core's error codes are OpenFeature's ErrorCode values. */
function resolved<T>(r: Resolution<T>): Promise<ResolutionDetails<T>> {
  return Promise.resolve(r as ResolutionDetails<T>);
}
