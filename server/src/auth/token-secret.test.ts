import { describe, expect, it } from '@jest/globals';
import { hashToken, issueToken } from './token-secret.js';

describe('issueToken', () => {
  it('tags the token with its kind and keeps a short prefix for recognition', () => {
    const token = issueToken('admin');
    expect(token.secret).toMatch(/^fsa_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(token.secret.slice(0, 12));
    expect(issueToken('server').secret.startsWith('fss_')).toBe(true);
    expect(issueToken('client').secret.startsWith('fsc_')).toBe(true);
    expect(issueToken('pipeline').secret.startsWith('fsp_')).toBe(true);
  });

  it('stores a hash that matches the token and not the token itself', () => {
    const token = issueToken('admin');
    expect(token.hash).toBe(hashToken(token.secret));
    expect(token.hash).not.toContain(token.secret.slice(4));
    expect(token.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never issues the same token twice', () => {
    const secrets = new Set(Array.from({ length: 1000 }, () => issueToken('client').secret));
    expect(secrets.size).toBe(1000);
  });
});
