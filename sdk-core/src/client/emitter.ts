// A small typed event emitter whose listeners cannot hurt the emitter: each runs on a microtask
// (so events raised while a client is being created reach listeners attached right after), and
// a listener that throws or rejects is handed to `listenerFailed`, never propagated.

/** A listener may be async: a rejection is contained like a throw. */
export type Listener<T> = (payload: T) => void;

interface Registration {
  listener: Listener<never>;
  once: boolean;
}

export abstract class ContainedEmitter<Events extends object> {
  readonly #registrations = new Map<keyof Events, Registration[]>();

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    this.#add(event, listener, false);
  }

  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    this.#add(event, listener, true);
  }

  /** Removes the first registration of `listener` for `event`. */
  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const list = this.#registrations.get(event) ?? [];
    const i = list.findIndex((r) => r.listener === listener);
    if (i >= 0) list.splice(i, 1);
  }

  /** Delivers `payload` to the listeners registered when the microtask runs. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    queueMicrotask(() => {
      const list = this.#registrations.get(event) ?? [];
      for (const r of [...list]) {
        if (r.once) {
          const i = list.indexOf(r);
          if (i < 0) continue; // removed by an earlier listener
          list.splice(i, 1);
        }
        try {
          const result = (r.listener as Listener<Events[E]>)(payload) as unknown;
          if (typeof (result as PromiseLike<unknown> | undefined)?.then === 'function') {
            (result as PromiseLike<unknown>).then(undefined, (e: unknown) => this.listenerFailed(event, e));
          }
        } catch (e) {
          this.listenerFailed(event, e);
        }
      }
    });
  }

  /** A listener for `event` threw, or its promise rejected. */
  protected abstract listenerFailed(event: keyof Events, error: unknown): void;

  #add<E extends keyof Events>(event: E, listener: Listener<Events[E]>, once: boolean): void {
    if (typeof listener !== 'function') return;
    let list = this.#registrations.get(event);
    if (!list) this.#registrations.set(event, (list = []));
    list.push({ listener: listener as Listener<never>, once });
  }
}
