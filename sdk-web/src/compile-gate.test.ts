// The gate runs sdk-core's modules without sdk-core's entry, as the browser bundle does: neither
// the pattern engine nor the validator is registered until the gate loads it (so nothing here
// imports sdk-core's entry). A registered part stays for the life of the page (and of this file's
// modules): the tests where loading a part fails come before those where it succeeds.
import { describe, expect, it } from '@jest/globals';
import type { Flag, Snapshot } from '@flagstaff/sdk-core';
import {
  booleanFlag,
  ClientState,
  hasPatternEngine,
  onOffRollout,
  SafeLogger,
  systemClock,
  type PatternEngine,
  type SnapshotPatch,
} from '@flagstaff/sdk-core/client';
import { re2jsEngine } from '@flagstaff/sdk-core/re2js';
import { CompileGate } from './compile-gate.js';

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
/** Malformed: its weights sum to 90%, which only validation notices. */
const short: Flag = booleanFlag('short', {
  fallthrough: { rollout: { weights: [{ variation: 'on', weight: 90_000 }] } },
});

/** As the server sends them: marked validated unless `validated` is false. */
const snapshot = (version: number, flags: Record<string, Flag>, validated = true): Snapshot => ({
  version,
  flags,
  segments: {},
  config: {},
  ...(validated ? { validated: true } : {}),
});
const patch = (from: number, flags: SnapshotPatch['flags'], validated = true): SnapshotPatch => ({
  from,
  version: from + 1,
  flags,
  segments: {},
  config: {},
  ...(validated ? { validated: true } : {}),
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const notNeeded = () => Promise.reject(new Error('not needed'));
const realValidator = () => import('@flagstaff/sdk-core/validator');

function gateWith(load: { engine?: () => Promise<PatternEngine>; validator?: () => Promise<unknown> }) {
  const core = new ClientState(new SafeLogger({}), systemClock);
  const calls = { engineLoads: 0, validatorLoads: 0, applied: 0, resyncs: [] as string[] };
  const errors: string[] = [];
  core.on('error', (e) => void errors.push(`${e.code}: ${e.message}`));
  const gate = new CompileGate(core, {
    loadPatternEngine: () => (calls.engineLoads++, (load.engine ?? notNeeded)()),
    loadValidator: () => (calls.validatorLoads++, (load.validator ?? notNeeded)()),
    applied: () => void calls.applied++,
    resync: (reason) => void calls.resyncs.push(reason),
  });
  return { core, gate, calls, errors };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CompileGate', () => {
  it('applies what needs no lazy part at once, without loading any', () => {
    const { core, gate, calls } = gateWith({});
    gate.fromServer(snapshot(1, { plain: booleanFlag('plain') }));
    expect(core.version).toBe(1);
    expect(gate.patch(patch(1, { other: booleanFlag('other') }))).toBe('applied');
    expect(core.version).toBe(2);
    expect(calls).toEqual({ engineLoads: 0, validatorLoads: 0, applied: 2, resyncs: [] });
  });

  it('asks for a resync when a patch that waited no longer follows the version held', async () => {
    const engine = deferred<PatternEngine>();
    const { core, gate, calls } = gateWith({ engine: () => engine.promise });
    gate.fromServer(snapshot(5, { plain: booleanFlag('plain') }));
    expect(gate.patch(patch(7, { staff }))).toBe('applied');
    engine.reject(new Error('offline'));
    await settle();
    expect(core.version).toBe(5);
    expect(calls.resyncs).toEqual(['patch 7→8 no longer follows the version held']);
  });

  it('serves the snapshot when the engine cannot be loaded: pattern flags return their default, the rest work', async () => {
    const { core, gate, errors } = gateWith({ engine: () => Promise.reject(new Error('chunk 404')) });
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
    const { core, gate } = gateWith({});
    const stale: number[] = [];
    core.on('stale', ({ version }) => void stale.push(version));
    gate.fromBootstrap(snapshot(4, { staff }));
    gate.contact(false);
    await settle();
    expect(core.status).toBe('stale');
    expect(stale).toEqual([4]);
  });

  it('serves a snapshot the validator could not be loaded for with every default, and a validated one without it', async () => {
    const { core, gate, calls, errors } = gateWith({
      validator: () => Promise.reject(new Error('chunk 404')),
    });
    gate.fromBootstrap(snapshot(1, { plain: booleanFlag('plain') }, false));
    expect(core.version).toBeUndefined();
    await settle();
    expect(core.version).toBe(1);
    expect(core.evaluator!.booleanDetail('plain', false)).toMatchObject({
      value: false,
      errorCode: 'PARSE_ERROR',
      errorMessage: 'the snapshot is not validated and no validator is loaded',
    });
    expect(errors).toEqual(['NETWORK: could not load the validator: chunk 404']);

    gate.fromServer(snapshot(2, { plain: booleanFlag('plain') }));
    expect(core.evaluator!.booleanValue('plain', false)).toBe(true);
    expect(calls.validatorLoads).toBe(1);
  });

  it('loads the validator once, for what the server did not mark validated, and validates it before compiling', async () => {
    const validator = deferred<void>();
    const { core, gate, calls } = gateWith({ validator: () => validator.promise.then(realValidator) });
    gate.fromServer(snapshot(1, { plain: booleanFlag('plain') }));
    expect(gate.patch(patch(1, { short }, false))).toBe('applied');
    expect(gate.patch(patch(2, { plain2: booleanFlag('plain2') }, false))).toBe('applied');
    expect(core.version).toBe(1);

    validator.resolve();
    await settle();
    expect(core.version).toBe(3);
    expect(core.evaluator!.booleanDetail('short', false, { targetingKey: 'u' })).toMatchObject({
      errorCode: 'PARSE_ERROR',
      errorMessage: '/flags/short/fallthrough/rollout/weights: weights sum to 90000, not 100000',
    });
    expect(core.evaluator!.booleanValue('plain2', false)).toBe(true);
    gate.patch(patch(3, { plain3: booleanFlag('plain3') }, false));
    expect(core.version).toBe(4);
    expect(calls.validatorLoads).toBe(1);
  });

  // Last: the engine stays registered.
  it('loads the engine before a patch with a matches clause, keeps what follows behind every part it waits for, and after an earlier failure asks for a full snapshot', async () => {
    const engine = deferred<PatternEngine>();
    const validator = deferred<void>();
    let attempt = 0;
    const { core, gate, calls } = gateWith({
      engine: () => (++attempt === 1 ? Promise.reject(new Error('offline')) : engine.promise),
      validator: () => validator.promise.then(realValidator),
    });
    gate.fromServer(snapshot(1, { plain: booleanFlag('plain') }));
    gate.patch(patch(1, { staff }));
    await settle();
    expect(core.evaluator!.booleanDetail('staff', false).errorCode).toBe('PARSE_ERROR');

    expect(gate.patch(patch(2, { staff2: { ...staff, key: 'staff2' } }))).toBe('applied');
    // Not validated: it also waits for the validator, and so does all that waits.
    expect(gate.patch(patch(3, { plain2: booleanFlag('plain2') }, false))).toBe('applied');
    const split = booleanFlag('split', { fallthrough: onOffRollout(50_000) });
    expect(gate.patch(patch(4, { split }))).toBe('applied');
    expect(core.version).toBe(2);
    expect(hasPatternEngine()).toBe(false);

    engine.resolve(re2jsEngine);
    await settle();
    expect(hasPatternEngine()).toBe(true);
    expect(core.version).toBe(2);

    validator.resolve();
    await settle();
    expect(core.version).toBe(5);
    expect(core.evaluator!.booleanValue('staff2', false, { email: 'ana@flagstaff.dev' })).toBe(true);
    expect(core.evaluator!.booleanValue('plain2', false)).toBe(true);
    expect(core.evaluator!.booleanDetail('split', false, { targetingKey: 'u' }).reason).toBe('SPLIT');
    expect(calls.resyncs).toEqual(['the regex engine is in after an earlier failure']);
    // The full snapshot the resync brings compiles every flag with the engine.
    gate.fromServer(snapshot(6, { staff }));
    expect(core.evaluator!.booleanValue('staff', false, { email: 'ana@flagstaff.dev' })).toBe(true);
    expect(calls.engineLoads).toBe(2);
    expect(calls.validatorLoads).toBe(1);
  });
});
