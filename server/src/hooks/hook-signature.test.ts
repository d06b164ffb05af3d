import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { checkSignature, hookSignature, SIGNATURE_TOLERANCE_SECONDS } from './hook-signature.js';

const SECRET = 'fsh_test-secret';
const BODY = Buffer.from('{"application":"checkout","version":"2.3.0"}');
const NOW = 1_800_000_000;
const hmac = (t: number, body: Buffer) =>
  createHmac('sha256', SECRET)
    .update(Buffer.concat([Buffer.from(`${t}.`), body]))
    .digest('hex');

describe('checkSignature', () => {
  it('accepts the documented HMAC-SHA256 of "<t>.<body>" within the tolerance, either way', () => {
    for (const t of [NOW, NOW - SIGNATURE_TOLERANCE_SECONDS, NOW + SIGNATURE_TOLERANCE_SECONDS]) {
      const check = checkSignature(SECRET, `t=${t},v1=${hmac(t, BODY)}`, BODY, NOW);
      expect(check).toEqual({ valid: true, timestamp: t, signature: hmac(t, BODY) });
    }
    expect(hookSignature(SECRET, NOW, BODY)).toBe(hmac(NOW, BODY));
  });

  it('refuses a signature over another body, another timestamp or with another secret', () => {
    const other = Buffer.from('{"application":"checkout","version":"2.3.1"}');
    expect(checkSignature(SECRET, `t=${NOW},v1=${hmac(NOW, other)}`, BODY, NOW)).toMatchObject({
      valid: false,
    });
    expect(checkSignature(SECRET, `t=${NOW},v1=${hmac(NOW - 1, BODY)}`, BODY, NOW)).toMatchObject({
      valid: false,
    });
    expect(checkSignature('fsh_other', `t=${NOW},v1=${hmac(NOW, BODY)}`, BODY, NOW)).toMatchObject({
      valid: false,
      problem: 'the signature does not match the request body',
    });
  });

  it('refuses a timestamp more than five minutes from the clock, saying so', () => {
    for (const t of [NOW - SIGNATURE_TOLERANCE_SECONDS - 1, NOW + SIGNATURE_TOLERANCE_SECONDS + 1]) {
      const check = checkSignature(SECRET, `t=${t},v1=${hmac(t, BODY)}`, BODY, NOW);
      expect(check).toMatchObject({ valid: false, problem: expect.stringContaining('more than 300 s') });
    }
  });

  it('accepts any matching v1 among several and ignores schemes it does not know', () => {
    const header = `t=${NOW}, v1=${'0'.repeat(64)}, v0=whatever, v1=${hmac(NOW, BODY).toUpperCase()}`;
    expect(checkSignature(SECRET, header, BODY, NOW)).toMatchObject({ valid: true });
  });

  it('refuses headers that are missing or not of the form t=…,v1=…', () => {
    const malformed = [
      undefined,
      '',
      hmac(NOW, BODY),
      `v1=${hmac(NOW, BODY)}`,
      `t=${NOW}`,
      `t=${NOW},t=${NOW},v1=${hmac(NOW, BODY)}`,
      `t=soon,v1=${hmac(NOW, BODY)}`,
      `t=${NOW},v1=${hmac(NOW, BODY).slice(1)}`,
      `t=${NOW},v1=${'g'.repeat(64)}`,
      `t=${NOW},v1=${hmac(NOW, BODY)},${'x'.repeat(2000)}`,
    ];
    for (const header of malformed)
      expect(checkSignature(SECRET, header, BODY, NOW)).toMatchObject({ valid: false });
  });
});
