import { describe, expect, it } from '@jest/globals';
import { Backoff } from './backoff.js';

const draws = (backoff: Backoff, n: number) => Array.from({ length: n }, () => backoff.next());

describe('Backoff', () => {
  it('doubles its bound from 1 s up to 30 s', () => {
    const backoff = new Backoff(() => 0.999999);
    expect(draws(backoff, 8)).toEqual([999, 1999, 3999, 7999, 15999, 29999, 29999, 29999]);
  });

  it('draws each delay uniformly below the bound (full jitter)', () => {
    const backoff = new Backoff(() => 0.5);
    expect(draws(backoff, 7)).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(draws(new Backoff(() => 0), 3)).toEqual([0, 0, 0]);
  });

  it('starts again from 1 s after a reset', () => {
    const backoff = new Backoff(() => 0.999999);
    expect(draws(backoff, 5).at(-1)).toBe(15999);
    backoff.reset();
    expect(draws(backoff, 2)).toEqual([999, 1999]);
  });

  it("takes the server's retry hint as its base, never below 1 s nor above 30 s", () => {
    const slow = new Backoff(() => 0.999999);
    slow.setBase(5000);
    expect(draws(slow, 4)).toEqual([4999, 9999, 19999, 29999]);
    const fast = new Backoff(() => 0.999999);
    fast.setBase(10);
    expect(fast.next()).toBe(999);
    const huge = new Backoff(() => 0.999999);
    huge.setBase(3_600_000);
    expect(huge.next()).toBe(29999);
  });

  it('survives a random source that returns nonsense', () => {
    expect(new Backoff(() => Number.NaN).next()).toBe(0);
    expect(new Backoff(() => 7).next()).toBe(999);
  });
});
