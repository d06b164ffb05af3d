import { describe, expect, it } from '@jest/globals';
import { preferredEncoding } from './accept-encoding.js';

describe('choosing a content encoding from Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip, br;q=0', 'gzip'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['GZIP', 'gzip'],
  ])('answers %j with %s', (header, encoding) => {
    expect(preferredEncoding(header)).toBe(encoding);
  });

  it.each([undefined, '', 'identity', 'deflate', 'br;q=0, gzip;q=0', '*;q=0'])(
    'sends %j the body as it is',
    (header) => {
      expect(preferredEncoding(header)).toBeUndefined();
    },
  );
});
