import { Redis } from 'ioredis';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { snapshotStoreKey, type SnapshotStore } from './snapshot-store.js';

export const SNAPSHOT_KEY_PREFIX = 'flagstaff:snapshot:';

/** A version is superseded within seconds to days; ten minutes covers reconnects and resumes. */
export const SNAPSHOT_TTL_SECONDS = 600;

export interface RedisSnapshotStoreOptions {
  readonly keyPrefix?: string;
  readonly ttlSeconds?: number;
  /** A command failed (Redis away, slow): the caller treats it as a miss. */
  onError(error: unknown): void;
}

/**
 * Snapshots in Redis under `flagstaff:snapshot:<environment>:<version>:<kind>`, as JSON, with a
 * TTL. Commands fail fast instead of queueing while Redis is away, and time out, so an outage
 * costs a rebuild from the database, not a stalled request.
 */
export class RedisSnapshotStore implements SnapshotStore {
  private readonly keyPrefix: string;
  private readonly ttlSeconds: number;

  private constructor(
    private readonly redis: Redis,
    private readonly options: RedisSnapshotStoreOptions,
  ) {
    this.keyPrefix = options.keyPrefix ?? SNAPSHOT_KEY_PREFIX;
    this.ttlSeconds = options.ttlSeconds ?? SNAPSHOT_TTL_SECONDS;
  }

  static async connect(url: string, options: RedisSnapshotStoreOptions): Promise<RedisSnapshotStore> {
    let connected = false;
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      connectTimeout: 5000,
      commandTimeout: 1000,
      maxRetriesPerRequest: 1,
      connectionName: 'flagstaff-snapshots',
      retryStrategy: (attempt: number) => (connected ? Math.min(attempt * 200, 5000) : null),
    });
    let startError: Error | undefined;
    // Connection errors while running show up as failed commands; the bus logs Redis outages.
    redis.on('error', (error: Error) => {
      if (!connected) startError ??= error;
    });
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw startError ?? error;
    }
    connected = true;
    return new RedisSnapshotStore(redis, options);
  }

  async get(environmentId: string, version: number, kind: SdkKeyKind): Promise<Buffer | undefined> {
    try {
      const body = await this.redis.getBuffer(this.key(environmentId, version, kind));
      return body ?? undefined;
    } catch (error) {
      this.options.onError(error);
      return undefined;
    }
  }

  async put(environmentId: string, version: number, kind: SdkKeyKind, body: Buffer): Promise<void> {
    try {
      await this.redis.set(this.key(environmentId, version, kind), body, 'EX', this.ttlSeconds);
    } catch (error) {
      this.options.onError(error);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private key(environmentId: string, version: number, kind: SdkKeyKind): string {
    return snapshotStoreKey(this.keyPrefix, environmentId, version, kind);
  }
}
