import { describe, expect, it } from '@jest/globals';
import { InputChecks } from '../validation/input-checks.js';
import { checkConfigValue, checkSecretValue, MAX_JSON_DEPTH } from './config-value-checks.js';

function problems(check: (checks: InputChecks) => void) {
  const checks = new InputChecks();
  check(checks);
  try {
    checks.done();
    return [];
  } catch (error) {
    return (error as { problems: { path: string; code: string }[] }).problems.map(
      (p) => `${p.path} ${p.code}`,
    );
  }
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : [nested(depth - 1)]);

describe('configuration value checks', () => {
  it.each([
    ['string', ''],
    ['number', -1.5],
    ['boolean', true],
    ['json', null],
    ['json', { a: [1, 'two', false, null] }],
    ['json', nested(MAX_JSON_DEPTH)],
  ] as const)('accepts a %s value %p', (type, value) => {
    expect(problems((c) => checkConfigValue(c, '/value', type, value))).toEqual([]);
  });

  it.each([
    ['number', Number.NaN],
    ['number', Number.POSITIVE_INFINITY],
    ['number', '1'],
    ['boolean', 0],
    ['string', null],
    ['json', nested(MAX_JSON_DEPTH + 1)],
  ] as const)('refuses as a %s the value %p', (type, value) => {
    expect(problems((c) => checkConfigValue(c, '/value', type, value))).toEqual(['/value TYPE_MISMATCH']);
  });

  it('counts the size of a value in UTF-8 bytes of its JSON', () => {
    expect(problems((c) => checkConfigValue(c, '/value', 'string', 'é'.repeat(32 * 1024)))).toEqual([
      '/value TOO_LARGE',
    ]);
    expect(problems((c) => checkSecretValue(c, '/value', 'é'.repeat(32 * 1024 + 1)))).toEqual([
      '/value TOO_LARGE',
    ]);
  });
});
