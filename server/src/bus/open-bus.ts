import { DependencyUnavailableError } from '../app/dependency-unavailable-error.js';
import type { Config } from '../config/config.js';
import { redactUrl } from '../config/redact-url.js';
import type { Logger } from '../logging/logger.js';
import type { ChangeBus } from './change-bus.js';
import { MemoryBus } from './memory-bus.js';
import { RedisBus } from './redis-bus.js';

/** Redis pub/sub when REDIS_URL is set, else the in-process bus. */
export async function openBus(
  config: Pick<Config, 'redisUrl'>,
  logger: Logger,
  onReconnect: () => void = () => {},
): Promise<ChangeBus> {
  const log = logger.child({ component: 'bus' });
  const onListenerError = (error: unknown) => log.error({ err: error }, 'a change listener failed');
  if (!config.redisUrl) return new MemoryBus(onListenerError);
  const url = config.redisUrl;
  return RedisBus.connect(url, {
    onListenerError,
    onConnectionError: (error) => log.warn({ err: error }, 'redis connection error'),
    onReconnect: () => {
      log.info('redis reconnected');
      onReconnect();
    },
  }).catch((error: unknown) => {
    throw new DependencyUnavailableError(`cannot connect to REDIS_URL (${redactUrl(url)})`, error);
  });
}
