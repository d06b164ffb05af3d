// What every SDK client holds whatever its platform: the snapshot (bootstrap, then the server's),
// its status, the ready waiters and the events. A platform layer (sdk-node, sdk-web) feeds it
// snapshots, patches and contact changes; this decides what they mean for the application.
import type { Evaluator } from '../evaluator.js';
import type { Snapshot } from '../model.js';
import type { Clock } from './clock.js';
import { FlagstaffError, messageOf } from './flagstaff-error.js';
import type { SafeLogger } from './logger.js';
import type { SnapshotPatch } from './protocol.js';
import { SnapshotStore, type AppliedSnapshot } from './snapshot-store.js';

/**
 * `initializing`: no snapshot yet (evaluations return the caller's default). `ready`: serving a
 * snapshot, in contact with the server (or offline with a bootstrap). `stale`: serving the last
 * good snapshot while the server cannot be reached. `closed`: after close().
 */
export type ClientStatus = 'initializing' | 'ready' | 'stale' | 'closed';

export interface ReadyEvent {
  /** The version of the snapshot served. */
  version: number;
}

export interface ChangeEvent {
  /** Flags whose evaluation may differ: edited, added, removed, or depending on one that did (segments, prerequisites). */
  keys: string[];
  /** Configuration entries added, removed or changed. */
  configKeys: string[];
  version: number;
}

export interface StaleEvent {
  /** The version still being served. */
  version: number;
  message: string;
}

export interface ClientEvents {
  /** A snapshot is in: the first time, and again when contact returns after `stale`. */
  ready: ReadyEvent;
  /** A newer snapshot changed some flags or configuration entries. */
  change: ChangeEvent;
  /** Contact lost: the stream is down and polling fails too. The last good snapshot is still served. */
  stale: StaleEvent;
  error: FlagstaffError;
}

/** A listener may be async: a rejection is contained like a throw. */
export type Listener<T> = (payload: T) => void;

/** What a platform's delivery feeds: every method is called with the client's state already checked. */
export interface SnapshotSink {
  /** The version last received from the server, if any. */
  readonly serverVersion: number | undefined;
  fromServer(snapshot: Snapshot): void;
  /** 'gap' when the patch does not follow the version held. */
  patch(patch: SnapshotPatch): 'applied' | 'gap';
  /**
   * Contact gained or lost (on every stream connection and poll): lost means the stream is down
   * (or off) and polling failed too.
   */
  contact(inContact: boolean): void;
  report(error: FlagstaffError): void;
}

export class ClientState implements SnapshotSink {
  readonly #logger: SafeLogger;
  readonly #clock: Clock;
  readonly #store: SnapshotStore;
  /** Listeners by event, each with whether it runs once. */
  readonly #listeners = new Map<keyof ClientEvents, [Listener<never>, boolean][]>();
  #status: ClientStatus = 'initializing';
  /** Settles true with the first snapshot, false on close (whichever comes first). */
  #settle!: (ready: boolean) => void;
  readonly #settled = new Promise<boolean>((resolve) => (this.#settle = resolve));
  /** The store's evaluator, read directly on the hot path. */
  evaluator: Evaluator | undefined;

  /** `store`: where snapshots are held (sdk-node passes one that shares compiled versions). */
  constructor(logger: SafeLogger, clock: Clock, store = new SnapshotStore()) {
    this.#logger = logger;
    this.#clock = clock;
    this.#store = store;
  }

  get status(): ClientStatus {
    return this.#status;
  }

  get version(): number | undefined {
    return this.#store.version;
  }

  get snapshot(): Snapshot | undefined {
    return this.#store.snapshot;
  }

  /** The version last received from the server (see SnapshotStore.serverVersion). */
  get serverVersion(): number | undefined {
    return this.#store.serverVersion;
  }

  /** Resolves true once a snapshot is served, false after `timeoutMs` or on close. */
  waitForReady(timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = this.#clock.setTimeout(() => resolve(false), timeoutMs);
      void this.#settled.then((ready) => {
        this.#clock.clearTimeout(timer);
        resolve(ready);
      });
    });
  }

  /** A bootstrap or cached snapshot: served until the server's arrives, never newer than it. */
  fromBootstrap(snapshot: Snapshot): void {
    this.#applied(this.#store.replace(snapshot, 'bootstrap'));
  }

  fromServer(snapshot: Snapshot): void {
    if (this.#status !== 'closed') this.#applied(this.#store.replace(snapshot, 'server'));
  }

  /** 'gap' when the patch does not follow the version held: the feed must fetch a full snapshot. */
  patch(patch: SnapshotPatch): 'applied' | 'gap' {
    if (this.#status === 'closed') return 'applied';
    const outcome = this.#store.applyPatch(patch);
    if (outcome.kind === 'gap') return 'gap';
    if (outcome.kind === 'applied') this.#applied(outcome);
    return 'applied';
  }

  contact(inContact: boolean): void {
    const version = this.#store.version;
    if (version === undefined) return;
    if (!inContact && this.#status === 'ready') {
      this.#status = 'stale';
      this.#logger.warn(`lost contact with the server; serving snapshot ${version}`);
      this.#emit('stale', { version, message: 'the stream and polling both fail' });
    } else if (inContact && this.#status === 'stale') {
      this.#status = 'ready';
      this.#logger.info(`contact with the server restored at version ${version}`);
      this.#emit('ready', { version });
    }
  }

  report(error: FlagstaffError): void {
    if (error.code === 'LISTENER') this.#logger.error(error.message, error.cause);
    else this.#logger.warn(error.message);
    this.#emit('error', error);
  }

  /** Pending waitForReady calls resolve false; evaluations keep answering from the last snapshot. */
  close(): void {
    this.#status = 'closed';
    this.#settle(false);
  }

  // --- events: each listener runs on a microtask (so events raised while a client is being
  // created reach listeners attached right after); one that throws or rejects is reported.

  /** `once`: the listener is removed when it is first called. */
  on<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>, once = false): void {
    if (typeof listener !== 'function') return;
    let list = this.#listeners.get(event);
    if (!list) this.#listeners.set(event, (list = []));
    list.push([listener as Listener<never>, once]);
  }

  /** Removes the first registration of `listener` for `event`. */
  off<E extends keyof ClientEvents>(event: E, listener: Listener<ClientEvents[E]>): void {
    const list = this.#listeners.get(event) ?? [];
    const i = list.findIndex(([l]) => l === listener);
    if (i >= 0) list.splice(i, 1);
  }

  /** Delivers `payload` to the listeners registered when the microtask runs. */
  #emit<E extends keyof ClientEvents>(event: E, payload: ClientEvents[E]): void {
    queueMicrotask(() => {
      const list = this.#listeners.get(event) ?? [];
      for (const registration of [...list]) {
        if (registration[1]) {
          const i = list.indexOf(registration);
          if (i < 0) continue; // removed by an earlier listener
          list.splice(i, 1);
        }
        // Adopts what the listener returns, so a rejection is contained like a throw.
        new Promise((resolve) => resolve(registration[0](payload as never))).catch((e: unknown) => {
          const message = `a listener for "${event}" threw: ${messageOf(e)}`;
          // An error listener that throws is only logged: reporting it would call it again.
          if (event === 'error') this.#logger.error(message, e);
          else this.report(new FlagstaffError('LISTENER', message, { cause: e }));
        });
      }
    });
  }

  #applied(result: AppliedSnapshot | undefined): void {
    if (result === undefined) return;
    const evaluator = (this.evaluator = this.#store.evaluator!);
    const [problem] = evaluator.problems;
    if (problem !== undefined) {
      const count = evaluator.problems.length;
      this.#logger.warn(
        `snapshot ${result.version}: ${count} problem(s), first ${problem.path}: ${problem.message}; those flags return their defaults`,
      );
    }
    if (result.first) {
      if (this.#status === 'initializing') this.#status = 'ready';
      this.#settle(true);
      this.#emit('ready', { version: result.version });
    } else if (result.keys.length > 0 || result.configKeys.length > 0) {
      this.#emit('change', { keys: result.keys, configKeys: result.configKeys, version: result.version });
    }
  }
}
