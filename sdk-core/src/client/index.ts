// @flagstaff/sdk-core/client: what every SDK client shares whatever its platform (LaunchDarkly's
// js-core idea): the wire formats, the snapshot store with patches and changed keys, the client's
// status and events, reconnect backoff, option checks and the OpenFeature context mapping. The
// platform layers (sdk-node: node:http; sdk-web: fetch, EventSource, localStorage) stay thin.
export { Backoff, BACKOFF_BASE_MS, BACKOFF_MAX_MS } from './backoff.js';
export { readBootstrap } from './bootstrap.js';
export { changedKeys, jsonEqual } from './changes.js';
export type { ChangedKeys, Touched } from './changes.js';
export { ClientState, failed, notReady } from './client-state.js';
export type {
  ChangeEvent,
  ClientEvents,
  ClientStatus,
  ReadyEvent,
  SnapshotSink,
  StaleEvent,
} from './client-state.js';
export { systemClock } from './clock.js';
export type { Clock, TimerHandle } from './clock.js';
export { toFlagstaffContext } from './context.js';
export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  DELIVERY_OPTION_NAMES,
  isObject,
  MIN_POLL_INTERVAL_MS,
  optionsObject,
  readDeliveryOptions,
  readOptionsSafely,
  show,
} from './delivery-options.js';
export type { DeliveryOptions, KeyOption, SharedClientOptions } from './delivery-options.js';
export { booleanFlag, onOffRollout, snapshotOf } from '../builders.js';
export { ContainedEmitter } from './emitter.js';
export type { Listener } from './emitter.js';
export { FlagstaffError } from './flagstaff-error.js';
export type { FlagstaffErrorCode } from './flagstaff-error.js';
export { consoleLogger, SafeLogger } from './logger.js';
export type { FlagstaffLogger, LogLevel } from './logger.js';
export { providerNotReady, ProviderEventBridge, resolution } from './openfeature-bridge.js';
export type {
  ClientEventSource,
  ProviderEventDetails,
  ProviderEventName,
  Resolution,
} from './openfeature-bridge.js';
export { usesPatterns } from './patterns.js';
export type { FlagsAndSegments } from './patterns.js';
export { SdkClient } from './sdk-client.js';
export type { WaitForReadyOptions } from './sdk-client.js';
export { parsePatch, parseSnapshot, SNAPSHOT_PATH, STREAM_PATH } from './protocol.js';
// The pattern engine is registered, not bundled: see regex.ts.
export { hasPatternEngine, usePatternEngine } from '../regex.js';
export type { PatternEngine } from '../regex.js';
export {
  HEALTHY_AFTER_MS,
  httpError,
  networkError,
  SnapshotFeed,
  STREAM_IDLE_TIMEOUT_MS,
} from './snapshot-feed.js';
export type {
  FeedSettings,
  SnapshotFetch,
  StreamEnd,
  StreamListener,
  StreamTransport,
} from './snapshot-feed.js';
export type { SnapshotPatch } from './protocol.js';
export { SnapshotStore } from './snapshot-store.js';
export type { AppliedSnapshot, PatchOutcome, SnapshotOrigin } from './snapshot-store.js';
