// A patched snapshot compiled incrementally (only what the patch changed, the rest shared with the
// previous evaluator) must behave exactly like the same snapshot compiled from scratch: same
// problems, same detail for every flag and context. Random snapshots mix prerequisites (missing,
// cyclic, chained), segments (some malformed), targets, rules and rollouts; random patches edit,
// add and remove flags and segments.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { booleanFlag, onOffRollout } from '../builders.js';
import { compile } from '../compile.js';
import type { Flag, Rule, Segment, Snapshot } from '../model.js';
import type { SnapshotPatch } from './protocol.js';
import { SnapshotStore } from './snapshot-store.js';
// sdk-core's entry registers the validator; these modules are imported without it.
import '../validator.js';

const FLAG_KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];
const SEGMENT_KEYS = ['s1', 's2', 's3'];
const CONTEXTS = [
  {},
  { targetingKey: 'user-1' },
  { targetingKey: 'user-2', plan: 'pro' },
  { targetingKey: 'user-3', plan: 'free', country: 'NZ' },
  { targetingKey: 'user-4', country: 'FR' },
  { targetingKey: 'user-5', plan: 'pro', country: 'NZ' },
];

const segmentArb = (key: string): fc.Arbitrary<Segment> =>
  fc
    .record({
      included: fc.subarray(['user-1', 'user-4']),
      plan: fc.constantFrom('pro', 'free'),
      // 150000 is out of range: a malformed segment, which flags using it report.
      weight: fc.constantFrom(100000, 50000, 150000),
    })
    .map(({ included, plan, weight }) => ({
      key,
      included,
      excluded: [],
      rules: [{ clauses: [{ attribute: 'plan', op: 'in', values: [plan] }], rollout: { weight } }],
    }));

const ruleArb: fc.Arbitrary<Rule> = fc.oneof(
  fc.constantFrom(...SEGMENT_KEYS, 'missing-segment').map((s) => ({
    id: `seg-${s}`,
    clauses: [{ attribute: '', op: 'segmentMatch' as const, values: [s] }],
    serve: { variation: 'on' },
  })),
  fc.constantFrom('NZ', 'FR').map((c) => ({
    id: `country-${c}`,
    clauses: [{ attribute: 'country', op: 'in' as const, values: [c] }],
    serve: onOffRollout(60000),
  })),
);

const flagArb = (key: string): fc.Arbitrary<Flag> =>
  fc
    .record({
      enabled: fc.boolean(),
      prerequisites: fc.subarray([...FLAG_KEYS, 'ghost'], { maxLength: 2 }),
      requires: fc.constantFrom('on', 'off', 'nope'),
      targets: fc.subarray(['user-2', 'user-5']),
      rules: fc.array(ruleArb, { maxLength: 2 }),
      weight: fc.integer({ min: 0, max: 100000 }),
    })
    .map(({ enabled, prerequisites, requires, targets, rules, weight }) =>
      booleanFlag(key, {
        enabled,
        prerequisites: prerequisites.map((flag) => ({ flag, variation: requires })),
        targets: targets.length > 0 ? [{ variation: 'off', values: targets }] : [],
        rules: rules.filter((r, i) => rules.findIndex((o) => o.id === r.id) === i),
        fallthrough: onOffRollout(weight),
      }),
    );

const entriesArb = <T>(keys: string[], arb: (key: string) => fc.Arbitrary<T>) =>
  fc
    .tuple(...keys.map((k) => fc.option(arb(k), { nil: undefined })))
    .map((values) =>
      Object.fromEntries(keys.flatMap((k, i) => (values[i] === undefined ? [] : [[k, values[i]]]))),
    );

const snapshotArb: fc.Arbitrary<Snapshot> = fc
  .record({ flags: entriesArb(FLAG_KEYS, flagArb), segments: entriesArb(SEGMENT_KEYS, segmentArb) })
  .map(({ flags, segments }) => ({ version: 1, flags, segments, config: {} }));

/** Edits of some keys: a new value, or null to remove. */
const editsArb = <T>(keys: string[], arb: (key: string) => fc.Arbitrary<T>) =>
  fc
    .subarray(keys, { maxLength: 3 })
    .chain((chosen) =>
      fc
        .tuple(...chosen.map((k) => fc.option(arb(k), { nil: null, freq: 4 })))
        .map((values) => Object.fromEntries(chosen.map((k, i) => [k, values[i] ?? null]))),
    );

const patchesArb = fc.array(
  fc.record({ flags: editsArb(FLAG_KEYS, flagArb), segments: editsArb(SEGMENT_KEYS, segmentArb) }),
  { minLength: 1, maxLength: 6 },
);

function behaviour(snapshot: Snapshot, evaluator = compile(snapshot)) {
  const details = [...FLAG_KEYS, 'ghost'].map((key) => CONTEXTS.map((c) => evaluator.evaluate(key, c)));
  return { problems: evaluator.problems, details };
}

describe('incremental compile of patched snapshots', () => {
  it('behaves exactly like compiling the patched snapshot from scratch', () => {
    fc.assert(
      fc.property(snapshotArb, patchesArb, (initial, edits) => {
        const store = new SnapshotStore();
        store.replace(initial, 'server');
        let version = initial.version;
        for (const edit of edits) {
          const patch: SnapshotPatch = { from: version, version: version + 1, config: {}, ...edit };
          version = patch.version;
          expect(store.applyPatch(patch).kind).toBe('applied');
          const incremental = behaviour(store.snapshot!, store.evaluator!);
          expect(incremental).toEqual(behaviour(store.snapshot!));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('shares the compiled flags a patch did not change with the previous evaluator', () => {
    const store = new SnapshotStore();
    store.replace(
      { version: 1, flags: { a: booleanFlag('a'), b: booleanFlag('b') }, segments: {}, config: {} },
      'server',
    );
    const before = store.evaluator!.parts!.flags;
    store.applyPatch({
      from: 1,
      version: 2,
      flags: { a: booleanFlag('a', { enabled: false }) },
      segments: {},
      config: {},
    });
    const after = store.evaluator!.parts!.flags;
    expect(after.get('b')).toBe(before.get('b'));
    expect(after.get('a')).not.toBe(before.get('a'));
  });
});
