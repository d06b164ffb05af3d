import { describe, expect, it } from '@jest/globals';
import { booleanFlag } from '../builders.js';
import type { Clause } from '../model.js';
import { usesPatterns } from './patterns.js';

const ruleWith = (clause: Clause) => [{ id: 'r', clauses: [clause], serve: { variation: 'on' } }];
const matches: Clause = { attribute: 'email', op: 'matches', values: ['@example\\.com$'] };
const startsWith: Clause = { attribute: 'email', op: 'startsWith', values: ['admin'] };

describe('usesPatterns', () => {
  it('finds a matches clause in a flag rule', () => {
    expect(usesPatterns({ flags: { a: booleanFlag('a', { rules: ruleWith(matches) }) } })).toBe(true);
  });

  it('finds a matches clause in a segment rule', () => {
    const segment = { key: 's', included: [], excluded: [], rules: [{ id: 'r', clauses: [matches] }] };
    expect(usesPatterns({ flags: {}, segments: { s: segment } })).toBe(true);
  });

  it('needs no engine for other operators, removals in a patch, or malformed entries', () => {
    expect(
      usesPatterns({
        flags: { a: booleanFlag('a', { rules: ruleWith(startsWith) }), gone: null },
        segments: { gone: null },
      }),
    ).toBe(false);
    const malformed = { key: 'm', rules: 'nope' } as never;
    expect(usesPatterns({ flags: { m: malformed }, segments: { m: malformed } })).toBe(false);
  });
});
