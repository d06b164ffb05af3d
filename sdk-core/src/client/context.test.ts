import { describe, expect, it } from '@jest/globals';
import { toFlagstaffContext } from './context.js';

describe('toFlagstaffContext', () => {
  it('turns Dates into ISO strings, top-level, nested and in arrays', () => {
    const at = new Date('2025-03-01T12:00:00Z');
    expect(toFlagstaffContext({ targetingKey: 'u', at, user: { since: at }, visits: [at, 3] })).toEqual({
      targetingKey: 'u',
      at: '2025-03-01T12:00:00.000Z',
      user: { since: '2025-03-01T12:00:00.000Z' },
      visits: ['2025-03-01T12:00:00.000Z', 3],
    });
  });

  it('drops an invalid Date', () => {
    expect(toFlagstaffContext({ at: new Date(Number.NaN) })).toEqual({ at: undefined });
  });

  it('passes a context without Dates through as it is, and copies only what holds one', () => {
    const plain = { targetingKey: 'u', tags: ['a'], org: { id: 1 } };
    expect(toFlagstaffContext(plain)).toBe(plain);
    const mixed = { org: plain.org, user: { since: new Date(0) } };
    const mapped = toFlagstaffContext(mixed) as typeof plain & { user: unknown };
    expect(mapped).not.toBe(mixed);
    expect(mapped.org).toBe(plain.org);
    expect(mixed.user.since).toBeInstanceOf(Date);
  });

  it('gives undefined for what is not an object', () => {
    expect(toFlagstaffContext(undefined)).toBeUndefined();
    expect(toFlagstaffContext('u' as never)).toBeUndefined();
  });
});
