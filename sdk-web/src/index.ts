// @flagstaff/sdk-web: flags evaluated in the browser with sdk-core, over a streamed snapshot that
// is cached in localStorage. The OpenFeature web provider is `@flagstaff/sdk-web/openfeature`.
export { createClient, FlagstaffWebClient } from './client.js';
export type { WebClientOptions } from './options.js';
export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  FlagstaffError,
  MIN_POLL_INTERVAL_MS,
} from '@flagstaff/sdk-core/client';
export type {
  ChangeEvent,
  ClientEvents,
  ClientStatus,
  FlagstaffErrorCode,
  FlagstaffLogger,
  Listener,
  ReadyEvent,
  StaleEvent,
  WaitForReadyOptions,
} from '@flagstaff/sdk-core/client';
export type {
  ConfigEntry,
  ErrorCode,
  EvaluationContext,
  EvaluationDetail,
  FlagMetadata,
  FlagValue,
  JsonValue,
  Reason,
  Snapshot,
} from '@flagstaff/sdk-core';

export const SDK_WEB_VERSION = '0.1.0';
