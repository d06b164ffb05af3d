// Bucketing, exactly as DESIGN §Evaluation contract: murmur3_x86_32(UTF-8(salt + ":" + value), seed 0)
// mod 100000, so weights and buckets share the 0.001 % unit.
import { murmur3, prefixedHash } from './hash.js';

/** Number of buckets: a weight of 100000 is everyone. */
export const BUCKETS = 100_000;

/**
 * The one string form of a bucketing value: strings as they are, finite numbers as ECMAScript
 * `String(n)` (integers without ".0", -0 as "0", 1e21 and beyond in exponent form). Anything else
 * (booleans, objects, NaN, the empty string) cannot be bucketed and gives `undefined`.
 */
export function bucketValueString(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The bucket (0 … 99999) of `value` under `salt`. Convenience form; compiled flags use `bucketer`. */
export function bucket(salt: string, value: string | number): number {
  const s = typeof value === 'number' ? String(value) : value;
  return murmur3(`${salt}:${s}`) % BUCKETS;
}

/** Buckets values under one salt, with the salt's bytes mixed once. */
export function bucketer(salt: string): (value: string) => number {
  const hash = prefixedHash(`${salt}:`);
  return (value) => (hash(value) >>> 0) % BUCKETS;
}
