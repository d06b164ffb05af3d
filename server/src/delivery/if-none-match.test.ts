import { describe, expect, it } from '@jest/globals';
import { ifNoneMatch, snapshotEtag } from './if-none-match.js';

describe('If-None-Match against a snapshot version', () => {
  it('quotes the version as the ETag', () => {
    expect(snapshotEtag(42)).toBe('"42"');
  });

  it.each(['"42"', 'W/"42"', '"41", "42"', ' "40" ,W/"42" ', '*'])('holds for %s at version 42', (header) => {
    expect(ifNoneMatch(header, 42).matches).toBe(true);
  });

  it.each(['"41"', '42', '"042x"', '', 'W/"43"'])('does not hold for %j at version 42', (header) => {
    expect(ifNoneMatch(header, 42).matches).toBe(false);
  });

  it('does not hold without the header', () => {
    expect(ifNoneMatch(undefined, 42)).toEqual({ matches: false, newest: -1 });
  });

  it('says the newest version named, so a client ahead of this instance is noticed', () => {
    expect(ifNoneMatch('"40", W/"45"', 42)).toEqual({ matches: false, newest: 45 });
  });
});
