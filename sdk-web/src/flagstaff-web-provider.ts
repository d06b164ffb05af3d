// FlagstaffWebProvider: the browser client behind OpenFeature's web SDK, in its static-context
// paradigm: OpenFeature holds one context for the page, hands it over in initialize and
// onContextChange, and evaluates synchronously. A context change is local (identify): the snapshot
// already has every client-side flag, so there is nothing to fetch and no RECONCILING phase.
import type { JsonValue as FlagstaffJson } from '@flagstaff/sdk-core';
import {
  ProviderEventBridge,
  providerNotReady,
  resolution,
  toFlagstaffContext,
  type Resolution,
} from '@flagstaff/sdk-core/client';
import {
  GeneralError,
  OpenFeatureEventEmitter,
  type EvaluationContext,
  type JsonValue,
  type Provider,
  type ProviderEmittableEvents,
  type ResolutionDetails,
} from '@openfeature/web-sdk';
import { createClient, FlagstaffWebClient } from './client.js';
import type { WebClientOptions } from './options.js';

export class FlagstaffWebProvider implements Provider {
  readonly metadata = { name: 'flagstaff-web' } as const;
  readonly runsOn = 'client' as const;
  readonly events = new OpenFeatureEventEmitter();
  /** The client evaluations go to. */
  readonly client: FlagstaffWebClient;
  private readonly ownsClient: boolean;
  private readonly bridge: ProviderEventBridge;

  /**
   * With options, the provider creates its client (delivery starts now) and closes it in onClose;
   * OpenFeature's context replaces `context`. With a client, it shares that client (and sets its
   * context) and leaves closing it to the caller.
   */
  constructor(clientOrOptions?: FlagstaffWebClient | WebClientOptions) {
    this.ownsClient = !(clientOrOptions instanceof FlagstaffWebClient);
    this.client =
      clientOrOptions instanceof FlagstaffWebClient ? clientOrOptions : createClient(clientOrOptions);
    this.bridge = new ProviderEventBridge(this.client, (event, details) =>
      this.events.emit(event as ProviderEmittableEvents, details),
    );
  }

  /**
   * Takes OpenFeature's context, then resolves once the client serves a snapshot; rejects when
   * none arrived within its timeoutMs.
   */
  async initialize(context?: EvaluationContext): Promise<void> {
    if (context !== undefined) this.client.identify(toFlagstaffContext(context) ?? {});
    const problem = await this.bridge.initialize();
    if (problem !== undefined) throw new GeneralError(problem);
  }

  /** OpenFeature's context changed: evaluate for the new one from now on (no request is made). */
  onContextChange(_oldContext: EvaluationContext, newContext: EvaluationContext): void {
    this.client.identify(toFlagstaffContext(newContext) ?? {});
  }

  async onClose(): Promise<void> {
    this.bridge.detach();
    if (this.ownsClient) await this.client.close();
  }

  // OpenFeature passes its static context to every resolve; the client was given the same one in
  // initialize/onContextChange and evaluates against it, so the argument is not read again.
  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): ResolutionDetails<boolean> {
    if (this.client.version === undefined) return details(providerNotReady(defaultValue));
    return details(resolution(this.client.booleanVariationDetail(flagKey, defaultValue)));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string): ResolutionDetails<string> {
    if (this.client.version === undefined) return details(providerNotReady(defaultValue));
    return details(resolution(this.client.stringVariationDetail(flagKey, defaultValue)));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number): ResolutionDetails<number> {
    if (this.client.version === undefined) return details(providerNotReady(defaultValue));
    return details(resolution(this.client.numberVariationDetail(flagKey, defaultValue)));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): ResolutionDetails<T> {
    if (this.client.version === undefined) return details(providerNotReady(defaultValue));
    const detail = this.client.jsonVariationDetail(flagKey, defaultValue as unknown as FlagstaffJson);
    return details(resolution(detail) as Resolution<T>);
  }
}

/** sdk-core's error codes are OpenFeature's ErrorCode values. */
function details<T>(r: Resolution<T>): ResolutionDetails<T> {
  return r as ResolutionDetails<T>;
}
