// createClient's options: the delivery options every SDK shares (sdk-core/client), plus a bootstrap
// snapshot that may be a file. A bad option is reported and replaced by its default.
import type { Snapshot } from '@flagstaff/sdk-core';
import {
  badOption,
  DELIVERY_OPTION_NAMES,
  isObject,
  optionsObject,
  readDeliveryOptions,
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
  /** What was wrong, one sentence each; every one was defaulted. */
  problems: string[];
}

const KNOWN = new Set<string>(['sdkKey', 'bootstrap', ...DELIVERY_OPTION_NAMES]);
const SDK_KEY = { name: 'sdkKey', prefixes: ['fss_', 'fsc_'] };

export function resolveOptions(input: unknown): ResolvedOptions {
  const problems: string[] = [];
  const o = optionsObject(input, KNOWN, problems);
  const delivery = readDeliveryOptions(o, SDK_KEY, problems);

  let bootstrap: ResolvedOptions['bootstrap'];
  if (o.bootstrap !== undefined && o.bootstrap !== null) {
    if (typeof o.bootstrap === 'string' || o.bootstrap instanceof URL || isObject(o.bootstrap)) {
      bootstrap = o.bootstrap as ResolvedOptions['bootstrap'];
    } else badOption(problems, 'bootstrap', 'a snapshot object or a file path', o.bootstrap, 'ignored');
  }
  return { ...delivery, bootstrap, problems };
}
