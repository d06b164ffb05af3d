import type { SdkKeyKind } from '../tokens/token-enums.js';

/**
 * Built snapshots shared between server instances (Redis), so one of N instances builds each
 * (environment, version, key kind) and the others fetch it. Best-effort: a failure is a miss,
 * never an error for the SDK that asked.
 */
export interface SnapshotStore {
  /** The serialized snapshot, or undefined when the store does not have it (or cannot answer). */
  get(environmentId: string, version: number, kind: SdkKeyKind): Promise<Buffer | undefined>;
  put(environmentId: string, version: number, kind: SdkKeyKind, body: Buffer): Promise<void>;
  close(): Promise<void>;
}

/** The store's key of one snapshot; `prefix` lets tests keep to their own keys. */
export function snapshotStoreKey(
  prefix: string,
  environmentId: string,
  version: number,
  kind: SdkKeyKind,
): string {
  return `${prefix}${environmentId}:${version}:${kind}`;
}
