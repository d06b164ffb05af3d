// The gate runs sdk-core's modules without sdk-core's entry, as the browser bundle does: no
// pattern engine is registered until the gate loads one (so nothing here imports sdk-core's entry).
import { describe, expect, it } from '@jest/globals';
import type { Flag, Snapshot } from '@flagstaff/sdk-core';
import {
  booleanFlag,
  ClientState,
  hasPatternEngine,
  SafeLogger,
  systemClock,
  type PatternEngine,
  type SnapshotPatch,
} from '@flagstaff/sdk-core/client';
import { re2jsEngine } from '@flagstaff/sdk-core/re2js';
import { PatternGate } from './pattern-gate.js';

const staff: Flag = booleanFlag('staff', {
  rules: [
    {
      id: 'r',
      clauses: [{ attribute: 'email', op: 'matches', values: ['@flagstaff\\.dev$'] }],
      serve: { variation: 'on' },
    },
  ],
  fallthrough: { variation: 'off' },
});
const snapshot = (version: number, flags: Record<string, Flag>): Snapshot => ({
  version,
  flags,
  segments: {},
  config: {},
});
const patch = (from: number, flags: SnapshotPatch['flags']): SnapshotPatch => ({
  from,
  version: from + 1,
  flags,
  segments: {},
  config: {},
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

function gateWith(load: () => Promise<PatternEngine>) {
  const core = new ClientState(new SafeLogger({}), systemClock);
  const calls = { loads: 0, applied: 0, resyncs: [] as string[] };
  const gate = new PatternGate(core, {
    load: () => (calls.loads++, load()),
    applied: () => void calls.applied++,
    resync: (reason) => void calls.resyncs.push(reason),
  });
  return { core, gate, calls };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PatternGate', () => {
  it('applies what needs no engine at once, without loading it', () => {
    const { core, gate, calls } = gateWith(() => Promise.reject(new Error('not needed')));
    gate.fromServer(snapshot(1, { plain: booleanFlag('plain') }));
    expect(core.version).toBe(1);
    expect(gate.patch(patch(1, { other: booleanFlag('other') }))).toBe('applied');
    expect(core.version).toBe(2);
    expect(calls).toEqual({ loads: 0, applied: 2, resyncs: [] });
  });

  it('asks for a resync when a patch that waited no longer follows the version held', async () => {
    const engine = deferred<PatternEngine>();
    const { core, gate, calls } = gateWith(() => engine.promise);
    gate.fromServer(snapshot(5, { plain: booleanFlag('plain') }));
    expect(gate.patch(patch(7, { staff }))).toBe('applied');
    engine.reject(new Error('offline'));
    await settle();
    expect(core.version).toBe(5);
    expect(calls.resyncs).toEqual(['patch 7→8 no longer follows the version held']);
  });

  it('serves the snapshot when the engine cannot be loaded: pattern flags return their default, the rest work', async () => {
    const { core, gate } = gateWith(() => Promise.reject(new Error('chunk 404')));
    const errors: string[] = [];
    core.on('error', (e) => void errors.push(`${e.code}: ${e.message}`));
    gate.fromBootstrap(snapshot(1, { staff, plain: booleanFlag('plain') }));
    await settle();
    expect(core.version).toBe(1);
    expect(core.evaluator!.booleanDetail('staff', false, { email: 'ana@flagstaff.dev' }).errorCode).toBe(
      'PARSE_ERROR',
    );
    expect(core.evaluator!.booleanValue('plain', false)).toBe(true);
    expect(errors).toEqual(['NETWORK: could not load the regex engine: chunk 404']);
  });
  it('passes lost contact on after the snapshot that waited, so the client still turns stale', async () => {
    const { core, gate } = gateWith(() => Promise.reject(new Error('offline')));
    const stale: number[] = [];
    core.on('stale', ({ version }) => void stale.push(version));
    gate.fromBootstrap(snapshot(4, { staff }));
    gate.contact(false);
    await settle();
    expect(core.status).toBe('stale');
    expect(stale).toEqual([4]);
  });

  // Last: a registered engine stays for the life of the page (and of this file's modules).
  it('loads the engine before a patch with a matches clause, keeps what follows behind it, and after an earlier failure asks for a full snapshot', async () => {
    const engine = deferred<PatternEngine>();
    let attempt = 0;
    const { core, gate, calls } = gateWith(() =>
      ++attempt === 1 ? Promise.reject(new Error('offline')) : engine.promise,
    );
    gate.fromServer(snapshot(1, { plain: booleanFlag('plain') }));
    gate.patch(patch(1, { staff }));
    await settle();
    expect(core.evaluator!.booleanDetail('staff', false).errorCode).toBe('PARSE_ERROR');

    expect(gate.patch(patch(2, { staff2: { ...staff, key: 'staff2' } }))).toBe('applied');
    expect(gate.patch(patch(3, { plain2: booleanFlag('plain2') }))).toBe('applied');
    expect(core.version).toBe(2);
    expect(hasPatternEngine()).toBe(false);

    engine.resolve(re2jsEngine);
    await settle();
    expect(core.version).toBe(4);
    expect(core.evaluator!.booleanValue('staff2', false, { email: 'ana@flagstaff.dev' })).toBe(true);
    expect(calls.resyncs).toEqual(['the regex engine is in after an earlier failure']);
    // The full snapshot the resync brings compiles every flag with the engine.
    gate.fromServer(snapshot(5, { staff }));
    expect(core.evaluator!.booleanValue('staff', false, { email: 'ana@flagstaff.dev' })).toBe(true);
    expect(calls.loads).toBe(2);
  });
});
