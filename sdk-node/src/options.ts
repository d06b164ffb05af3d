// createClient's options: the delivery options every SDK shares (sdk-core/client), plus a bootstrap
// snapshot that may be a file. A bad option is reported and replaced by its default.
import type { Snapshot } from '@flagstaff/sdk-core';
import {
  DELIVERY_OPTIONS,
  deliveryOptions,
  readOptions,
  snapshotSource,
  STRING,
  type DeliveryOptions,
  type SharedClientOptions,
} from '@flagstaff/sdk-core/client';

export {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  MIN_POLL_INTERVAL_MS,
} from '@flagstaff/sdk-core/client';

export interface ClientOptions extends SharedClientOptions {
  /** A server SDK key (`fss_…`). Without it (or without baseUrl) the client is offline. */
  sdkKey?: string;
  /** A snapshot, or the path of a JSON file holding one, served until the server's arrives. */
  bootstrap?: Snapshot | string | URL;
}

export interface ResolvedOptions extends DeliveryOptions {
  bootstrap: Snapshot | string | URL | undefined;
}

const NODE_OPTIONS = {
  ...DELIVERY_OPTIONS,
  sdkKey: [STRING],
  bootstrap: [snapshotSource('a snapshot object or a file path')],
} as const;

export function resolveOptions(input: unknown): ResolvedOptions {
  const problems: string[] = [];
  const o = readOptions(input, NODE_OPTIONS, problems);
  return {
    ...deliveryOptions(o, o.sdkKey, 'sdkKey', problems),
    bootstrap: o.bootstrap as Snapshot | string | URL | undefined,
  };
}
