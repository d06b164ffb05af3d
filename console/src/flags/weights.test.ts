import { describe, expect, it } from '@jest/globals';
import { BUCKETS } from '@flagstaff/sdk-core';
import fc from 'fast-check';
import { normalizeWeights, percentToWeight, setWeight, weightToPercent, WEIGHT_TOTAL } from './weights.js';

const sum = (weights: readonly number[]) => weights.reduce((a, b) => a + b, 0);

describe('rollout weights', () => {
  it('count in the same units as sdk-core’s buckets', () => {
    expect(WEIGHT_TOTAL).toBe(BUCKETS);
  });

  it('give the other variation the rest when one of two is set to 25 %', () => {
    expect(setWeight([100_000, 0], 0, 25_000)).toEqual([25_000, 75_000]);
    expect(setWeight([25_000, 75_000], 1, 90_000)).toEqual([10_000, 90_000]);
  });

  it('shrink the others in proportion to what they had', () => {
    expect(setWeight([50_000, 30_000, 20_000], 0, 60_000)).toEqual([60_000, 24_000, 16_000]);
  });

  it('share the rest evenly when the others had nothing', () => {
    expect(setWeight([100_000, 0, 0], 0, 40_000)).toEqual([40_000, 30_000, 30_000]);
  });

  it('keep a single variation at 100 %', () => {
    expect(setWeight([100_000], 0, 10_000)).toEqual([100_000]);
  });

  it('clamp a share to 0–100 %', () => {
    expect(setWeight([50_000, 50_000], 0, 150_000)).toEqual([100_000, 0]);
    expect(setWeight([50_000, 50_000], 0, -5)).toEqual([0, 100_000]);
  });

  it('always sum to 100 % in whole units, with the chosen share exactly as set', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: WEIGHT_TOTAL }), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.integer({ min: 0, max: WEIGHT_TOTAL }),
        (start, at, value) => {
          const weights = normalizeWeights(start);
          const index = at % weights.length;
          const next = setWeight(weights, index, value);
          expect(sum(next)).toBe(WEIGHT_TOTAL);
          expect(next[index]).toBe(value);
          expect(next.every((w) => Number.isInteger(w) && w >= 0)).toBe(true);
        },
      ),
    );
  });

  it('read and write percentages as people type them', () => {
    expect(weightToPercent(25_000)).toBe('25');
    expect(weightToPercent(12_345)).toBe('12.345');
    expect(percentToWeight('25')).toBe(25_000);
    expect(percentToWeight('12,5 %')).toBe(12_500);
    expect(percentToWeight('')).toBeNull();
    expect(percentToWeight('101')).toBeNull();
    expect(percentToWeight('abc')).toBeNull();
  });
});
