import { describe, expect, it } from '@jest/globals';
import { bulkEtag, bulkEtagMatches, canonicalJson, newestBulkVersion } from './bulk-etag.js';

describe('bulk ETag', () => {
  const env = '7a1f2c4e-0000-4000-8000-000000000001';

  it('is the same for equal contexts whatever their key order', () => {
    const a = bulkEtag(env, 'server', 42, {
      targetingKey: 'u1',
      plan: 'pro',
      device: { os: 'ios', v: [1, 2] },
    });
    const b = bulkEtag(env, 'server', 42, {
      device: { v: [1, 2], os: 'ios' },
      plan: 'pro',
      targetingKey: 'u1',
    });
    expect(a).toBe(b);
    expect(a).toMatch(/^"42-[A-Za-z0-9_-]{22}"$/);
  });

  it('changes with the version, the context, the key kind and the environment', () => {
    const base = bulkEtag(env, 'server', 42, { targetingKey: 'u1' });
    const others = [
      bulkEtag(env, 'server', 43, { targetingKey: 'u1' }),
      bulkEtag(env, 'server', 42, { targetingKey: 'u2' }),
      bulkEtag(env, 'server', 42, { targetingKey: 'u1', plan: 'pro' }),
      bulkEtag(env, 'server', 42, { targetingKey: 'u1', plan: null }),
      bulkEtag(env, 'server', 42, { targetingKey: 'u1', plan: '1' }),
      bulkEtag(env, 'server', 42, { targetingKey: 'u1', plan: 1 }),
      bulkEtag(env, 'client', 42, { targetingKey: 'u1' }),
      bulkEtag(env.replace(/1$/, '2'), 'server', 42, { targetingKey: 'u1' }),
    ];
    expect(new Set([base, ...others]).size).toBe(others.length + 1);
  });

  it('writes JSON canonically, leaving out undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ b: [2, { d: 1, c: 'x' }], a: null, u: undefined })).toBe(
      '{"a":null,"b":[2,{"c":"x","d":1}]}',
    );
    expect(canonicalJson('a"b')).toBe('"a\\"b"');
  });

  it('matches If-None-Match lists and weak tags, not *', () => {
    const etag = bulkEtag(env, 'server', 7, {});
    expect(bulkEtagMatches(etag, etag)).toBe(true);
    expect(bulkEtagMatches(`W/${etag}`, etag)).toBe(true);
    expect(bulkEtagMatches(`"6-abc" , ${etag}`, etag)).toBe(true);
    expect(bulkEtagMatches('*', etag)).toBe(false);
    expect(bulkEtagMatches(undefined, etag)).toBe(false);
  });

  it('reads the newest version the If-None-Match tags name', () => {
    expect(newestBulkVersion('"6-abc", W/"9-def", "12", garbage')).toBe(9);
    expect(newestBulkVersion(undefined)).toBe(-1);
  });
});
