import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { CorruptSecretError } from './corrupt-secret-error.js';
import { SecretBox } from './secret-box.js';
import { SecretKeyMismatchError } from './secret-key-mismatch-error.js';

const box = new SecretBox(Buffer.alloc(32, 1));

function errorFrom(open: () => unknown): Error {
  try {
    open();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected open to throw');
}

describe('SecretBox', () => {
  it('opens what it sealed', () => {
    expect(box.open(box.seal('postgres://app:hunter2@db/app'))).toBe('postgres://app:hunter2@db/app');
  });

  it.each([
    ['an empty string', ''],
    ['unicode', 'clé → 秘密 🔑'],
    ['a long value', 'x'.repeat(100_000)],
  ])('round-trips %s', (_name, plaintext) => {
    expect(box.open(box.seal(plaintext))).toBe(plaintext);
  });

  it('seals the same value differently each time, without the plaintext in the output', () => {
    const first = box.seal('hunter2-hunter2');
    const second = box.seal('hunter2-hunter2');
    expect(first.equals(second)).toBe(false);
    expect(first.includes('hunter2')).toBe(false);
    expect(first.length).toBe(1 + 12 + 16 + 'hunter2-hunter2'.length);
    expect(first[0]).toBe(1);
  });

  it('names its key by an id that is stable and differs between keys', () => {
    expect(box.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(new SecretBox(Buffer.alloc(32, 1)).keyId).toBe(box.keyId);
    expect(new SecretBox(Buffer.alloc(32, 2)).keyId).not.toBe(box.keyId);
  });

  it('refuses a secret sealed under another key, naming both key ids and nothing secret', () => {
    const key = randomBytes(32);
    const other = new SecretBox(key);
    const error = errorFrom(() => box.open(other.seal('hunter2'), other.keyId));
    expect(error).toBeInstanceOf(SecretKeyMismatchError);
    expect((error as SecretKeyMismatchError).code).toBe('SECRET_KEY_MISMATCH');
    expect(error.message).toContain('different FLAGSTAFF_SECRET_KEY');
    expect(error.message).toContain(other.keyId);
    expect(error.message).toContain(box.keyId);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain(key.toString('hex'));
  });

  it('reports a key mismatch when the stored key id is not known', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => box.open(other.seal('hunter2'))).toThrow(SecretKeyMismatchError);
  });

  it.each([
    ['nonce', 1],
    ['tag', 13],
    ['ciphertext', 29],
  ])('refuses a secret whose %s was altered', (_part, index) => {
    const sealed = box.seal('hunter2');
    sealed[index] = (sealed[index] ?? 0) ^ 0x01;
    expect(() => box.open(sealed)).toThrow(SecretKeyMismatchError);
    expect(() => box.open(sealed, box.keyId)).toThrow(CorruptSecretError);
  });

  it('refuses a blob too short to be sealed, or of an unknown version', () => {
    const short = errorFrom(() => box.open(Buffer.alloc(28)));
    expect(short).toBeInstanceOf(CorruptSecretError);
    expect((short as CorruptSecretError).code).toBe('SECRET_CORRUPT');

    const sealed = box.seal('hunter2');
    sealed[0] = 2;
    expect(() => box.open(sealed)).toThrow(/unknown format version 2/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(RangeError);
  });
});
