import { Redis } from 'ioredis';
import {
  ChangeListeners,
  parseChangeEvent,
  type ChangeBus,
  type ChangeEvent,
  type ChangeListener,
} from './change-bus.js';
import { parseReleaseEvent, type ReleaseEvent, type ReleaseListener } from './release-event.js';

const CHANNEL = 'flagstaff:changes';
const RELEASE_CHANNEL = 'flagstaff:releases';

export interface RedisBusEvents {
  onListenerError(error: unknown): void;
  onConnectionError(error: Error): void;
  onReconnect(): void;
}

/**
 * Redis pub/sub between instances: one connection publishes, one subscribes (a subscribed
 * connection can do nothing else). Commands fail fast while Redis is away instead of queueing,
 * so /readyz reports the outage and writes are not held up by it.
 */
export class RedisBus implements ChangeBus {
  readonly kind = 'redis';
  private readonly listeners: ChangeListeners;
  private readonly releaseListeners: ChangeListeners<ReleaseEvent>;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    events: RedisBusEvents,
  ) {
    this.listeners = new ChangeListeners(events.onListenerError);
    this.releaseListeners = new ChangeListeners<ReleaseEvent>(events.onListenerError);
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === CHANNEL) {
        const event = parseChangeEvent(message);
        if (event) this.listeners.emit(event);
      } else if (channel === RELEASE_CHANNEL) {
        const event = parseReleaseEvent(message);
        if (event) this.releaseListeners.emit(event);
      }
    });
  }

  static async connect(url: string, events: RedisBusEvents): Promise<RedisBus> {
    let connected = false;
    const options = {
      lazyConnect: true,
      enableOfflineQueue: false,
      connectTimeout: 5000,
      maxRetriesPerRequest: 1,
      // At start-up a refused connection is reported at once; once running, retry for ever.
      retryStrategy: (attempt: number) => (connected ? Math.min(attempt * 200, 5000) : null),
    };
    const publisher = new Redis(url, { ...options, connectionName: 'flagstaff-pub' });
    const subscriber = new Redis(url, { ...options, connectionName: 'flagstaff-sub' });
    let startError: Error | undefined;
    for (const connection of [publisher, subscriber]) {
      connection.on('error', (error: Error) => {
        if (connected) events.onConnectionError(error);
        else startError ??= error;
      });
    }
    // ioredis emits 'ready' on the first connect too; only later ones are reconnects.
    subscriber.on('ready', () => {
      if (connected) events.onReconnect();
    });
    try {
      // Both attempts settle before giving up, so no half-open socket outlives a failed start.
      const attempts = await Promise.allSettled([publisher.connect(), subscriber.connect()]);
      const failed = attempts.find((a) => a.status === 'rejected');
      if (failed) throw failed.reason;
      await subscriber.subscribe(CHANNEL, RELEASE_CHANNEL);
    } catch (error) {
      publisher.disconnect();
      subscriber.disconnect();
      // The socket's own error (ECONNREFUSED, ENOTFOUND…) says more than "Connection is closed".
      throw startError ?? error;
    }
    connected = true;
    return new RedisBus(publisher, subscriber, events);
  }

  /**
   * This instance's own listeners hear the change at once instead of after a round trip through
   * Redis; the echo that follows names a version they already know.
   */
  async publish(event: ChangeEvent): Promise<void> {
    this.listeners.emit(event);
    await this.publisher.publish(CHANNEL, JSON.stringify(event));
  }

  subscribe(listener: ChangeListener): () => void {
    return this.listeners.add(listener);
  }

  async publishRelease(event: ReleaseEvent): Promise<void> {
    await this.publisher.publish(RELEASE_CHANNEL, JSON.stringify(event));
  }

  subscribeReleases(listener: ReleaseListener): () => void {
    return this.releaseListeners.add(listener);
  }

  async ping(): Promise<void> {
    await Promise.all([this.publisher.ping(), this.subscriber.ping()]);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.releaseListeners.clear();
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
