import { ChangeListeners, type ChangeBus, type ChangeEvent, type ChangeListener } from './change-bus.js';
import type { ReleaseEvent, ReleaseListener } from './release-event.js';

/** The in-process bus of the embedded default: correct for a single server instance only. */
export class MemoryBus implements ChangeBus {
  readonly kind = 'memory';
  private readonly listeners: ChangeListeners;
  private readonly releaseListeners: ChangeListeners<ReleaseEvent>;

  constructor(onListenerError: (error: unknown) => void) {
    this.listeners = new ChangeListeners(onListenerError);
    this.releaseListeners = new ChangeListeners<ReleaseEvent>(onListenerError);
  }

  async publish(event: ChangeEvent): Promise<void> {
    // Delivered on a later tick, as over Redis, so no caller comes to rely on synchronous delivery.
    setImmediate(() => this.listeners.emit(event));
  }

  subscribe(listener: ChangeListener): () => void {
    return this.listeners.add(listener);
  }

  async publishRelease(event: ReleaseEvent): Promise<void> {
    setImmediate(() => this.releaseListeners.emit(event));
  }

  subscribeReleases(listener: ReleaseListener): () => void {
    return this.releaseListeners.add(listener);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
    this.releaseListeners.clear();
  }
}
