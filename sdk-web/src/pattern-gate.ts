// Between the feed and the client state: the regex engine (re2js, most of the SDK's weight) is a
// chunk loaded on demand. A snapshot or patch with a `matches` clause waits for it; whatever
// arrives meanwhile waits behind it, so everything is applied in the order it came.
import type { Snapshot } from '@flagstaff/sdk-core';
import {
  FlagstaffError,
  hasPatternEngine,
  usePatternEngine,
  usesPatterns,
  type ClientState,
  type FlagsAndSegments,
  type PatternEngine,
  type SnapshotPatch,
  type SnapshotSink,
} from '@flagstaff/sdk-core/client';

export interface PatternGateHooks {
  /** Loads the engine (a dynamic import). */
  load(): Promise<PatternEngine>;
  /** A snapshot or patch from the server was applied. */
  applied(): void;
  /** A patch applied late did not follow the version held: get the full snapshot again. */
  resync(reason: string): void;
}

export class PatternGate implements SnapshotSink {
  /** What waits for the engine, in arrival order; undefined when nothing waits. */
  private waiting: (() => void)[] | undefined;
  private loadFailed = false;
  private resyncAfterFlush = false;

  constructor(
    private readonly core: ClientState,
    private readonly hooks: PatternGateHooks,
  ) {}

  get serverVersion(): number | undefined {
    return this.core.serverVersion;
  }

  fromBootstrap(snapshot: Snapshot): void {
    this.inOrder(snapshot, () => this.core.fromBootstrap(snapshot));
  }

  fromServer(snapshot: Snapshot): void {
    this.inOrder(snapshot, () => {
      this.core.fromServer(snapshot);
      this.hooks.applied();
    });
  }

  patch(patch: SnapshotPatch): 'applied' | 'gap' {
    if (this.mustWait(patch)) {
      this.inOrder(patch, () => {
        if (this.applyPatch(patch) === 'gap') {
          this.hooks.resync(`patch ${patch.from}→${patch.version} no longer follows the version held`);
        }
      });
      return 'applied';
    }
    return this.applyPatch(patch);
  }

  /** Behind what waits too: contact lost before the first snapshot is applied would be dropped. */
  contact(inContact: boolean): void {
    if (this.waiting) this.waiting.push(() => this.core.contact(inContact));
    else this.core.contact(inContact);
  }

  report(error: FlagstaffError): void {
    this.core.report(error);
  }

  private applyPatch(patch: SnapshotPatch): 'applied' | 'gap' {
    const outcome = this.core.patch(patch);
    if (outcome === 'applied') this.hooks.applied();
    return outcome;
  }

  private mustWait(content: FlagsAndSegments): boolean {
    return this.waiting !== undefined || (!hasPatternEngine() && usesPatterns(content));
  }

  private inOrder(content: FlagsAndSegments, apply: () => void): void {
    if (!this.mustWait(content)) return apply();
    if (this.waiting) {
      this.waiting.push(apply);
      return;
    }
    this.waiting = [apply];
    this.hooks
      .load()
      .then(
        (engine) => {
          usePatternEngine(engine);
          // Patches recompile only what they change: flags compiled without the engine after an
          // earlier failure are fixed by a full snapshot.
          if (this.loadFailed) this.resyncAfterFlush = true;
        },
        (e: unknown) => {
          this.loadFailed = true;
          // Served all the same: flags with patterns return their defaults (PARSE_ERROR), the rest work.
          const message = `could not load the regex engine: ${(e as Error)?.message ?? String(e)}`;
          this.core.report(new FlagstaffError('NETWORK', message, { cause: e }));
        },
      )
      .finally(() => {
        const waiting = this.waiting ?? [];
        this.waiting = undefined;
        for (const apply of waiting) apply();
        if (this.resyncAfterFlush) {
          this.resyncAfterFlush = false;
          this.hooks.resync('the regex engine is in after an earlier failure');
        }
      });
  }
}
