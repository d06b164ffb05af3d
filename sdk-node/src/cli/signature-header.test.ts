import { describe, expect, it } from '@jest/globals';
import { signatureHeader, SigningClock } from './signature-header.js';

describe('signatureHeader', () => {
  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> keyed with the secret text', () => {
    // Reference value from: printf '%s' '1764300000.<body>' | openssl dgst -sha256 -hmac 'fsh_test-secret'
    const body = '{"application":"checkout","version":"2.3.0"}';
    expect(signatureHeader('fsh_test-secret', 1764300000, body)).toBe(
      't=1764300000,v1=4ff3d2616bb96c6bfd5ff41ae96b0a2fab55cd1210560278f1612e7ce34e2eae',
    );
  });

  it('changes with the body, the time and the secret', () => {
    const base = signatureHeader('fsh_a', 100, '{}');
    expect(signatureHeader('fsh_a', 100, '{ }')).not.toBe(base);
    expect(signatureHeader('fsh_a', 101, '{}')).not.toBe(base);
    expect(signatureHeader('fsh_b', 100, '{}')).not.toBe(base);
  });
});

describe('SigningClock', () => {
  it('signs at the current second', () => {
    expect(new SigningClock(() => 1_764_300_000_900).next()).toBe(1_764_300_000);
  });

  it('signs each retry at a later second than the last, so no signature repeats', () => {
    let now = 1_764_300_000_100;
    const clock = new SigningClock(() => now);
    expect(clock.next()).toBe(1_764_300_000);
    now += 200;
    expect(clock.next()).toBe(1_764_300_001);
    expect(clock.next()).toBe(1_764_300_002);
    now += 10_000;
    expect(clock.next()).toBe(1_764_300_010);
  });
});
