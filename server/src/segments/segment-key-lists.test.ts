import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { InputProblem } from '../errors/invalid-input-error.js';
import {
  checkDisjoint,
  checkKeyList,
  compareKeys,
  keyListChange,
  MAX_RECORDED_KEYS,
  mergeSorted,
  sortedUnique,
} from './segment-key-lists.js';

const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

describe('segment key lists', () => {
  it('orders keys as Postgres COLLATE "C" does: by the bytes of their UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareKeys(a, b))).toBe(Math.sign(utf8Order(a, b)));
      }),
    );
    // UTF-16 puts 😀 (a surrogate pair) before U+FFFD; code point order does not.
    expect(sortedUnique(['\uFFFD', '😀', 'z', 'é', 'A'])).toEqual(['A', 'z', 'é', '\uFFFD', '😀']);
  });

  it('sorts and de-duplicates the valid keys, reporting each invalid one by its index', () => {
    const problems: InputProblem[] = [];
    expect(checkKeyList('/included', ['b', 'a', 'b', '', 'x'.repeat(257)], problems)).toEqual(['a', 'b']);
    expect(problems.map((p) => p.path)).toEqual(['/included/3', '/included/4']);
  });

  it('keeps the report of 100,000 bad keys short', () => {
    const problems: InputProblem[] = [];
    checkKeyList(
      '/keys',
      Array.from({ length: 100_000 }, () => ''),
      problems,
    );
    expect(problems).toHaveLength(21);
    expect(problems.at(-1)).toMatchObject({ path: '/keys', message: '99980 more keys are invalid' });
  });

  it('reports keys that the other list holds by their index in the input', () => {
    const problems: InputProblem[] = [];
    checkDisjoint('/excluded', ['x', 'a', 'y'], new Set(['a', 'b']), 'included', problems);
    expect(problems).toEqual([
      {
        path: '/excluded/1',
        code: 'KEY_IN_BOTH_LISTS',
        message: 'a is included too; a key is in one list at most',
      },
    ]);
  });

  it('merges two sorted lists into one sorted list without duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.array(fc.string()), (x, y) => {
        expect(mergeSorted(sortedUnique(x), sortedUnique(y))).toEqual(sortedUnique([...x, ...y]));
      }),
    );
  });

  it('tells what an edit added and removed, listing at most 1,000 keys with exact counts', () => {
    expect(keyListChange(['a', 'b'], ['a', 'b'])).toBeUndefined();
    expect(keyListChange(['a', 'b'], ['b', 'c'])).toEqual({
      added: ['c'],
      addedCount: 1,
      removed: ['a'],
      removedCount: 1,
    });
    const many = sortedUnique(Array.from({ length: 5000 }, (_, i) => `k${i}`));
    const change = keyListChange([], many)!;
    expect(change.added).toEqual(many.slice(0, MAX_RECORDED_KEYS));
    expect(change.addedCount).toBe(5000);
  });
});
