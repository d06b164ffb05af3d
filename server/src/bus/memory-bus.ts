import { ChangeListeners, type ChangeBus, type ChangeEvent, type ChangeListener } from './change-bus.js';

/** The in-process bus of the embedded default: correct for a single server instance only. */
export class MemoryBus implements ChangeBus {
  readonly kind = 'memory';
  private readonly listeners: ChangeListeners;

  constructor(onListenerError: (error: unknown) => void) {
    this.listeners = new ChangeListeners(onListenerError);
  }

  async publish(event: ChangeEvent): Promise<void> {
    // Delivered on a later tick, as over Redis, so no caller comes to rely on synchronous delivery.
    setImmediate(() => this.listeners.emit(event));
  }

  subscribe(listener: ChangeListener): () => void {
    return this.listeners.add(listener);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
