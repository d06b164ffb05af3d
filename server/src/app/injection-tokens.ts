/** Injection tokens for the process-wide parts that exist before the Nest application does. */
export const CHANGE_BUS = Symbol('ChangeBus');
export const STORAGE_KIND = Symbol('StorageKind');
export const LOGGER = Symbol('Logger');
/** Built snapshots shared between instances (delivery/snapshot-store.ts); null without Redis. */
export const SNAPSHOT_STORE = Symbol('SnapshotStore');
/** The validated configuration (server/src/config/config.ts), read once at start. */
export const CONFIG = Symbol('Config');
export const METRICS = Symbol('Metrics');
