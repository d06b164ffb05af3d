// MurmurHash3 x86 32-bit over UTF-8 bytes, written for the evaluation hot path: Math.imul arithmetic,
// a length argument (so a reused scratch buffer with stale tail bytes is fine) and a start state (so a
// flag's constant `salt + ":"` prefix is mixed once at compile time, not per evaluation).
// The `murmurhash` package stays the reference implementation the tests cross-check against.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Mixes the full 4-byte blocks of bytes[0, end) into h1 and returns the new state. */
function mixBlocks(h1: number, bytes: Uint8Array, end: number): number {
  const blocks = end & ~3;
  for (let i = 0; i < blocks; i += 4) {
    let k1 = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, C2);
    h1 = (h1 << 13) | (h1 >>> 19);
    h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
  }
  return h1;
}

/**
 * Mixes the last (length & 3) bytes before `end`, XORs the total length in and finalises. Returns
 * the hash as a signed int32 (`>>> 0` is the hash): that leaves a call V8 did not inline as a small
 * integer, where a uint32 of 2^31 or more is boxed, an allocation per evaluation on the hot path.
 */
function finish(h1: number, bytes: Uint8Array, end: number, totalLength: number): number {
  const tail = end & ~3;
  const rem = end & 3;
  if (rem > 0) {
    let k1 = bytes[tail]!;
    if (rem > 1) k1 |= bytes[tail + 1]! << 8;
    if (rem > 2) k1 |= bytes[tail + 2]! << 16;
    k1 = Math.imul(k1, C1);
    k1 = (k1 << 15) | (k1 >>> 17);
    h1 ^= Math.imul(k1, C2);
  }
  h1 ^= totalLength;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  return h1 ^ (h1 >>> 16);
}

/** MurmurHash3_x86_32 of bytes[0, length). */
export function murmur3Bytes(bytes: Uint8Array, length: number = bytes.length, seed = 0): number {
  return finish(mixBlocks(seed | 0, bytes, length), bytes, length, length) >>> 0;
}

/** MurmurHash3_x86_32 of the UTF-8 encoding of `input` (or of the given bytes). */
export function murmur3(input: string | Uint8Array, seed = 0): number {
  if (typeof input !== 'string') return murmur3Bytes(input, input.length, seed);
  const n = encodeUtf8Into(input, 0);
  return murmur3Bytes(scratch, n, seed);
}

// One growable scratch buffer for encoding values: evaluation is synchronous and never re-enters the
// hash, so a module-level buffer is safe and keeps the hot path allocation-free.
let scratch = new Uint8Array(256);

function ensureCapacity(needed: number): void {
  if (needed <= scratch.length) return;
  let size = scratch.length;
  while (size < needed) size *= 2;
  const next = new Uint8Array(size);
  next.set(scratch);
  scratch = next;
}

// TextEncoder: every platform sdk-core runs on has it (Node, browsers, workers); sdk-core compiles
// without their type libraries, so the one method used is declared here.
declare const TextEncoder: new () => {
  encode(s: string): Uint8Array;
  encodeInto(s: string, into: Uint8Array): { written: number };
};
const encoder = new TextEncoder();

/**
 * Writes the UTF-8 bytes of `s` into the scratch buffer at `offset` and returns the end offset.
 * ASCII, what most keys are, is copied here; TextEncoder takes the rest (lone surrogates become
 * U+FFFD), so every SDK hashes the same bytes.
 */
function encodeUtf8Into(s: string, offset: number): number {
  const n = s.length;
  ensureCapacity(offset + n * 3);
  const buf = scratch;
  let p = offset;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) break;
    buf[p++] = c;
  }
  return i < n ? p + encoder.encodeInto(s.slice(i), buf.subarray(p)).written : p;
}

/** UTF-8 bytes of a string (a fresh array; not for hot paths). */
export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * The hash of `prefix + value` for a fixed prefix, as a signed int32 (`>>> 0` is the hash; see
 * `finish`): the prefix's whole 4-byte blocks are mixed once here; per call only its 0-3 leftover
 * bytes and the value are encoded and mixed.
 */
export function prefixedHash(prefix: string, seed = 0): (value: string) => number {
  const bytes = utf8Bytes(prefix);
  const consumed = bytes.length & ~3;
  const state = mixBlocks(seed | 0, bytes, consumed);
  const rest = bytes.slice(consumed);
  const r = rest.length;
  return (value) => {
    ensureCapacity(r + 1);
    for (let i = 0; i < r; i++) scratch[i] = rest[i]!;
    const end = encodeUtf8Into(value, r);
    const buf = scratch;
    return finish(mixBlocks(state, buf, end), buf, end, consumed + end);
  };
}
