// @flagstaff/sdk-core/client: what every SDK client shares whatever its platform (LaunchDarkly's
// js-core idea): the wire formats, the snapshot store with patches and changed keys, the client's
// status and events, reconnect backoff, option checks and the OpenFeature context mapping. The
// platform layers (sdk-node: node:http; sdk-web: fetch, EventSource, localStorage) stay thin.
//
// Only `export *` here: a bundler then resolves each name to the module that declares it, so
// sdk-web's bundle keeps the OpenFeature bridge in its provider's entry. One `export { … } from`
// line would make this file part of every entry, and with it every module it names (esbuild).
export * from './backoff.js';
export * from './bootstrap.js';
export * from './changes.js';
export * from './client-state.js';
export * from './clock.js';
export * from './context.js';
export * from './delivery-options.js';
export * from './flagstaff-error.js';
export * from './logger.js';
export * from './option-table.js';
export * from './openfeature-bridge.js';
export * from './patterns.js';
export * from './protocol.js';
export * from './sdk-client.js';
export * from './snapshot-feed.js';
export * from './snapshot-store.js';
// Flag builders, for tests and bootstrap snapshots written by hand.
export * from '../builders.js';
// The pattern engine is registered, not bundled: see regex.ts.
export * from '../regex.js';
