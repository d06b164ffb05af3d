// @flagstaff/sdk-node: local flag evaluation over a streamed snapshot, and an OpenFeature provider.
export { createClient, FlagstaffClient } from './client.js';
export type {
  ChangeEvent,
  ClientEvents,
  ClientStatus,
  ReadyEvent,
  StaleEvent,
  WaitForReadyOptions,
} from './client.js';
export type { ClientOptions } from './options.js';
export { DEFAULT_POLL_INTERVAL_MS, DEFAULT_TIMEOUT_MS, MIN_POLL_INTERVAL_MS } from './options.js';
export { FlagstaffError } from '@flagstaff/sdk-core/client';
export type { FlagstaffErrorCode, FlagstaffLogger, Listener } from '@flagstaff/sdk-core/client';
export { FlagstaffProvider } from './provider.js';
export { SDK_NODE_VERSION } from './node-stream.js';
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
