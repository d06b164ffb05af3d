import { describe, expect, it } from '@jest/globals';
import { FlagstaffError } from './flagstaff-error.js';
import { parsePatch, parseSnapshot } from './protocol.js';

const refused = (parse: () => unknown) => {
  try {
    parse();
  } catch (e) {
    return e instanceof FlagstaffError && e.code === 'PROTOCOL';
  }
  return false;
};

describe('parseSnapshot', () => {
  it('keeps the version, flags, segments, config and a validated mark, and drops the rest', () => {
    expect(
      parseSnapshot({ version: 3, flags: {}, segments: { s: {} }, config: {}, validated: true, extra: 1 }),
    ).toEqual({ version: 3, flags: {}, segments: { s: {} }, config: {}, validated: true });
    expect(parseSnapshot({ version: 0, flags: {}, segments: [], validated: 'yes' })).toEqual({
      version: 0,
      flags: {},
      segments: {},
      config: {},
    });
  });

  it.each([
    ['not an object', [1]],
    ['no version', { flags: {} }],
    ['a negative version', { version: -1, flags: {} }],
    ['a fractional version', { version: 1.5, flags: {} }],
    ['no flags map', { version: 1, flags: [] }],
  ])('refuses %s', (_name, data) => {
    expect(refused(() => parseSnapshot(data))).toBe(true);
  });
});

describe('parsePatch', () => {
  it('fills in the maps it leaves out, and keeps a validated mark', () => {
    expect(parsePatch({ from: 1, version: 2, flags: { a: null }, validated: true })).toEqual({
      from: 1,
      version: 2,
      flags: { a: null },
      segments: {},
      config: {},
      validated: true,
    });
  });

  it.each([
    ['not an object', null],
    ['versions that do not grow', { from: 2, version: 2 }],
    ['a missing from', { version: 2 }],
    ['a map that is not one', { from: 1, version: 2, config: [] }],
    ['an entry that is neither an object nor null', { from: 1, version: 2, flags: { a: true } }],
  ])('refuses %s', (_name, data) => {
    expect(refused(() => parsePatch(data))).toBe(true);
  });
});
