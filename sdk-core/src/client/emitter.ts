// A small typed event emitter whose listeners cannot hurt the emitter: each runs on a microtask
// (so events raised while a client is being created reach listeners attached right after), and
// a listener that throws or rejects is reported, never propagated.

/** A listener may be async: a rejection is contained like a throw. */
export type Listener<T> = (payload: T) => void;

interface Registration<T> {
  listener: Listener<T>;
  once: boolean;
}

export class ContainedEmitter<Events extends object> {
  private readonly registrations = new Map<keyof Events, Registration<never>[]>();

  constructor(private readonly onListenerError: (event: keyof Events, error: unknown) => void) {}

  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    this.add(event, listener, false);
  }

  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    this.add(event, listener, true);
  }

  /** Removes the first registration of `listener` for `event`. */
  off<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const list = this.registrations.get(event);
    if (!list) return;
    const i = list.findIndex((r) => r.listener === (listener as unknown));
    if (i >= 0) list.splice(i, 1);
  }

  listenerCount(event: keyof Events): number {
    return this.registrations.get(event)?.length ?? 0;
  }

  /** Delivers `payload` to the listeners registered when the microtask runs. */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    queueMicrotask(() => this.dispatch(event, payload));
  }

  private add<E extends keyof Events>(event: E, listener: Listener<Events[E]>, once: boolean): void {
    if (typeof listener !== 'function') return;
    let list = this.registrations.get(event);
    if (!list) this.registrations.set(event, (list = []));
    list.push({ listener, once } as Registration<never>);
  }

  private dispatch<E extends keyof Events>(event: E, payload: Events[E]): void {
    const list = this.registrations.get(event);
    if (!list || list.length === 0) return;
    for (const r of [...list] as Registration<Events[E]>[]) {
      if (r.once) {
        const i = list.indexOf(r as Registration<never>);
        if (i < 0) continue; // removed by an earlier listener
        list.splice(i, 1);
      }
      try {
        const result: unknown = r.listener(payload);
        if (isThenable(result)) result.then(undefined, (e: unknown) => this.onListenerError(event, e));
      } catch (e) {
        this.onListenerError(event, e);
      }
    }
  }
}

function isThenable(x: unknown): x is PromiseLike<unknown> {
  return (
    (typeof x === 'object' || typeof x === 'function') &&
    x !== null &&
    typeof (x as { then?: unknown }).then === 'function'
  );
}
