import { DependencyUnavailableError } from '../app/dependency-unavailable-error.js';
import type { Config } from '../config/config.js';
import { redactUrl } from '../config/redact-url.js';
import type { Logger } from '../logging/logger.js';
import { RedisSnapshotStore } from './redis-snapshot-store.js';
import type { SnapshotStore } from './snapshot-store.js';

/** How often a failing store may log: an outage is one warning every so often, not one per request. */
const WARN_EVERY_MS = 30_000;

/**
 * The shared snapshot store: Redis when REDIS_URL is set. Without it there is one instance, whose
 * own memory cache is all it needs, so there is none (null).
 */
export async function openSnapshotStore(
  config: Pick<Config, 'redisUrl'>,
  logger: Logger,
): Promise<SnapshotStore | null> {
  if (!config.redisUrl) return null;
  const url = config.redisUrl;
  const log = logger.child({ component: 'snapshot-store' });
  let warnedAt = 0;
  return RedisSnapshotStore.connect(url, {
    onError: (error) => {
      const now = Date.now();
      if (now - warnedAt < WARN_EVERY_MS) return;
      warnedAt = now;
      log.warn({ err: error }, 'snapshot store unavailable; building snapshots from the database');
    },
  }).catch((error: unknown) => {
    throw new DependencyUnavailableError(`cannot connect to REDIS_URL (${redactUrl(url)})`, error);
  });
}
