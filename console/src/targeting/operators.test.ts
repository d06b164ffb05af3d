import { describe, expect, it } from '@jest/globals';
import { OPERATORS } from '@flagstaff/sdk-core';
import { inValueType, OPERATOR_ORDER, parseValueLines } from './operators.js';

describe('the clause builder’s operators', () => {
  it('offer every operator sdk-core evaluates, and no other', () => {
    expect([...OPERATOR_ORDER].sort()).toEqual([...OPERATORS].sort());
  });

  it('read values one per line as the operator takes them', () => {
    expect(parseValueLines('NZ\n\n AU \n', 'text')).toEqual(['NZ', 'AU']);
    expect(parseValueLines('18\n21.5', 'number')).toEqual([18, 21.5]);
    expect(parseValueLines('18\nabc', 'number')).toEqual([18, 'abc']);
    expect(parseValueLines('1\n2', 'text', 'number')).toEqual([1, 2]);
    expect(parseValueLines('true\nfalse', 'text', 'boolean')).toEqual([true, false]);
    expect(parseValueLines('2.4.0', 'semver')).toEqual(['2.4.0']);
  });

  it('tell how `in` values compare from the values a clause has', () => {
    expect(inValueType([1, 2])).toBe('number');
    expect(inValueType([true])).toBe('boolean');
    expect(inValueType(['a'])).toBe('string');
    expect(inValueType([])).toBe('string');
  });
});
