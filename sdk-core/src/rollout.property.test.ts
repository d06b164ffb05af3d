// Properties of percentage rollouts, checked through the public evaluator.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { booleanFlag, onOffRollout, snapshotOf } from './builders.js';
import { compile } from './index.js';
import type { Flag } from './model.js';

function rolloutFlag(key: string, onWeight: number, salt?: string): Flag {
  return booleanFlag(key, { fallthrough: onOffRollout(onWeight), ...(salt ? { salt } : {}) });
}

const keys = Array.from({ length: 100_000 }, (_, i) => `user-${i}`);

describe('percentage rollouts', () => {
  it('keep users who were in at a lower percentage when ramped higher', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100000 }),
        fc.integer({ min: 0, max: 100000 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 50 }),
        (a, b, flagKey, users) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const before = compile(snapshotOf(rolloutFlag(flagKey, low)));
          const after = compile(snapshotOf(rolloutFlag(flagKey, high)));
          for (const u of users) {
            if (before.booleanValue(flagKey, false, { targetingKey: u })) {
              expect(after.booleanValue(flagKey, false, { targetingKey: u })).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('give the same input the same answer every time, across compiles', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.string({ minLength: 1 }), (w, u) => {
        const one = compile(snapshotOf(rolloutFlag('f', w)));
        const two = compile(snapshotOf(rolloutFlag('f', w)));
        const first = one.booleanDetail('f', false, { targetingKey: u });
        expect(one.booleanDetail('f', false, { targetingKey: u })).toBe(first);
        expect(two.booleanDetail('f', false, { targetingKey: u }).value).toBe(first.value);
      }),
    );
  });

  it('put 10 % ± 0.5 % of 100,000 keys in each bucket decile', () => {
    // Ten rollouts of 10 % stacked as one ten-way split: each variation is one decile of buckets.
    const flag: Flag = {
      ...rolloutFlag('deciles', 0),
      kind: 'number',
      variations: Array.from({ length: 10 }, (_, i) => ({ key: `d${i}`, value: i })),
      offVariation: 'd0',
      fallthrough: {
        rollout: { weights: Array.from({ length: 10 }, (_, i) => ({ variation: `d${i}`, weight: 10000 })) },
      },
    };
    const ev = compile(snapshotOf(flag));
    const counts = new Array<number>(10).fill(0);
    for (const k of keys) counts[ev.numberDetail('deciles', -1, { targetingKey: k }).value]! += 1;
    for (const c of counts) {
      expect(c / keys.length).toBeGreaterThanOrEqual(0.095);
      expect(c / keys.length).toBeLessThanOrEqual(0.105);
    }
  });

  it('bucket independently under different salts: two 50 % rollouts overlap on about 25 %', () => {
    const ev = compile(snapshotOf(rolloutFlag('checkout', 50000), rolloutFlag('search', 50000)));
    let both = 0;
    for (const k of keys) {
      if (
        ev.booleanValue('checkout', false, { targetingKey: k }) &&
        ev.booleanValue('search', false, { targetingKey: k })
      ) {
        both++;
      }
    }
    expect(both / keys.length).toBeGreaterThan(0.24);
    expect(both / keys.length).toBeLessThan(0.26);
  });

  it('bucket together under a shared salt: two 50 % rollouts of one release overlap fully', () => {
    const ev = compile(
      snapshotOf(rolloutFlag('a', 50000, 'release-9'), rolloutFlag('b', 50000, 'release-9')),
    );
    for (const k of keys.slice(0, 10_000)) {
      expect(ev.booleanValue('a', false, { targetingKey: k })).toBe(
        ev.booleanValue('b', false, { targetingKey: k }),
      );
    }
  });
});
