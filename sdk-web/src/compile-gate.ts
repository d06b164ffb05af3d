// Between the feed and the client state: two parts of sdk-core that most snapshots never need are
// chunks loaded on demand. The regex engine (re2js, most of the SDK's weight) for a snapshot or
// patch with a `matches` clause; the validator for one the server did not mark `validated`
// (bootstrap JSON of unknown origin, an older server). What needs a part waits for it; whatever
// arrives meanwhile waits behind it, so everything is applied in the order it came.
import type { Snapshot } from '@flagstaff/sdk-core';
import {
  FlagstaffError,
  hasPatternEngine,
  messageOf,
  usePatternEngine,
  usesPatterns,
  type ClientState,
  type FlagsAndSegments,
  type PatternEngine,
  type SnapshotPatch,
  type SnapshotSink,
} from '@flagstaff/sdk-core/client';

export interface CompileGateHooks {
  /** Loads the regex engine (a dynamic import). */
  loadPatternEngine(): Promise<PatternEngine>;
  /** Loads the validator, which registers itself (default: sdk-core's validator chunk). */
  loadValidator?(): Promise<unknown>;
  /** A snapshot or patch from the server was applied. */
  applied(): void;
  /** A patch applied late did not follow the version held: get the full snapshot again. */
  resync(reason: string): void;
}

type Part = 'regex engine' | 'validator';

const loadValidatorChunk = () => import('@flagstaff/sdk-core/validator');

// Private members are `#` ones: the minifier renames those (it keeps other property names).
export class CompileGate implements SnapshotSink {
  readonly #core: ClientState;
  readonly #hooks: CompileGateHooks;
  /** What waits for the parts being loaded, in arrival order; undefined when nothing waits. */
  #waiting: (() => void)[] | undefined;
  readonly #loading = new Set<Part>();
  #validatorLoaded = false;
  #engineFailed = false;
  #resyncAfterFlush = false;

  constructor(core: ClientState, hooks: CompileGateHooks) {
    this.#core = core;
    this.#hooks = hooks;
  }

  get serverVersion(): number | undefined {
    return this.#core.serverVersion;
  }

  fromBootstrap(snapshot: Snapshot): void {
    this.#inOrder(snapshot, () => this.#core.fromBootstrap(snapshot));
  }

  fromServer(snapshot: Snapshot): void {
    this.#inOrder(snapshot, () => {
      this.#core.fromServer(snapshot);
      this.#hooks.applied();
    });
  }

  patch(patch: SnapshotPatch): 'applied' | 'gap' {
    if (!this.#mustWait(patch)) return this.#applyPatch(patch);
    this.#later(() => {
      if (this.#applyPatch(patch) === 'gap') {
        this.#hooks.resync(`patch ${patch.from}→${patch.version} no longer follows the version held`);
      }
    });
    return 'applied';
  }

  /** Behind what waits too: contact lost before the first snapshot is applied would be dropped. */
  contact(inContact: boolean): void {
    if (this.#waiting) this.#later(() => this.#core.contact(inContact));
    else this.#core.contact(inContact);
  }

  report(error: FlagstaffError): void {
    this.#core.report(error);
  }

  #applyPatch(patch: SnapshotPatch): 'applied' | 'gap' {
    const outcome = this.#core.patch(patch);
    if (outcome === 'applied') this.#hooks.applied();
    return outcome;
  }

  /** Starts loading what `content` needs and is not there yet; true while any part is on its way. */
  #mustWait(content: FlagsAndSegments & { validated?: true }): boolean {
    if (content.validated !== true && !this.#validatorLoaded) {
      this.#load('validator', () =>
        (this.#hooks.loadValidator ? this.#hooks.loadValidator() : loadValidatorChunk()).then(() => {
          this.#validatorLoaded = true;
        }),
      );
    }
    if (!hasPatternEngine() && usesPatterns(content)) {
      this.#load('regex engine', () =>
        this.#hooks.loadPatternEngine().then(
          (engine) => {
            usePatternEngine(engine);
            // Patches recompile only what they change: flags compiled without the engine after an
            // earlier failure are fixed by a full snapshot. (Without the validator nothing was
            // compiled, so the first snapshot or patch after it compiles everything anyway.)
            if (this.#engineFailed) this.#resyncAfterFlush = true;
          },
          (e: unknown) => {
            this.#engineFailed = true;
            throw e;
          },
        ),
      );
    }
    return this.#loading.size > 0;
  }

  #load(part: Part, load: () => Promise<void>): void {
    if (this.#loading.has(part)) return;
    this.#loading.add(part);
    Promise.resolve()
      .then(load)
      .catch((e: unknown) => {
        // Served all the same: what needs the part returns its defaults (PARSE_ERROR), the rest works.
        const message = `could not load the ${part}: ${messageOf(e)}`;
        this.#core.report(new FlagstaffError('NETWORK', message, { cause: e }));
      })
      .finally(() => {
        this.#loading.delete(part);
        if (this.#loading.size === 0) this.#flush();
      });
  }

  #inOrder(content: Snapshot, apply: () => void): void {
    if (this.#mustWait(content)) this.#later(apply);
    else apply();
  }

  #later(apply: () => void): void {
    (this.#waiting ??= []).push(apply);
  }

  #flush(): void {
    const waiting = this.#waiting ?? [];
    this.#waiting = undefined;
    for (const apply of waiting) apply();
    if (this.#resyncAfterFlush) {
      this.#resyncAfterFlush = false;
      this.#hooks.resync('the regex engine is in after an earlier failure');
    }
  }
}
