import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import murmurhash from 'murmurhash';
import { BUCKETS, bucket, bucketer, bucketValueString } from './bucket.js';
import { murmur3, murmur3Bytes, prefixedHash, utf8Bytes } from './hash.js';

const encoder = new TextEncoder();

describe('murmur3', () => {
  it('passes the SMHasher verification test for MurmurHash3_x86_32 (0xB0F57EE3)', () => {
    // SMHasher VerificationTest: hash keys {0}, {0,1}, … {0..254} with seed 256 - n, then hash the
    // 256 little-endian results with seed 0; the first four bytes read as a uint32.
    const key = new Uint8Array(256);
    const hashes = new Uint8Array(1024);
    for (let i = 0; i < 256; i++) {
      key[i] = i;
      const h = murmur3Bytes(key, i, 256 - i);
      hashes[i * 4] = h & 0xff;
      hashes[i * 4 + 1] = (h >>> 8) & 0xff;
      hashes[i * 4 + 2] = (h >>> 16) & 0xff;
      hashes[i * 4 + 3] = (h >>> 24) & 0xff;
    }
    expect(murmur3Bytes(hashes, 1024, 0)).toBe(0xb0f57ee3);
  });

  it('agrees with the murmurhash package on any string, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        expect(murmur3(s)).toBe(murmurhash.v3(encoder.encode(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes UTF-8 exactly as TextEncoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (s) => {
        expect([...utf8Bytes(s)]).toEqual([...encoder.encode(s)]);
      }),
    );
  });

  it('hashes only the given length of a buffer with stale bytes after it', () => {
    const buf = encoder.encode('hello world, stale tail');
    expect(murmur3Bytes(buf, 5)).toBe(murmurhash.v3(encoder.encode('hello')));
  });

  it('gives the same hash for a prefix mixed ahead of time as for the whole input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (prefix, value) => {
          expect(prefixedHash(prefix)(value) >>> 0).toBe(murmur3(prefix + value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles values longer than the scratch buffer', () => {
    const long = 'ü'.repeat(5000);
    expect(prefixedHash('salt:')(long) >>> 0).toBe(murmurhash.v3(encoder.encode(`salt:${long}`)));
  });
});

describe('bucketing', () => {
  it('maps into 0 … 99999', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (salt, v) => {
        const b = bucket(salt, v);
        expect(Number.isInteger(b) && b >= 0 && b < BUCKETS).toBe(true);
      }),
    );
  });

  it('is murmur3(salt + ":" + value) mod 100000 for the compiled bucketer too', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (salt, v) => {
        expect(bucketer(salt)(v)).toBe(murmurhash.v3(encoder.encode(`${salt}:${v}`)) % BUCKETS);
      }),
    );
  });

  it('writes numbers in one string form', () => {
    expect(bucketValueString(42)).toBe('42');
    expect(bucketValueString(-0)).toBe('0');
    expect(bucketValueString(1.5)).toBe('1.5');
    expect(bucketValueString(1e21)).toBe('1e+21');
    expect(bucketValueString(Number.NaN)).toBeUndefined();
    expect(bucketValueString(true)).toBeUndefined();
    expect(bucketValueString('')).toBeUndefined();
    expect(bucket('org', 42)).toBe(bucket('org', '42'));
  });
});
