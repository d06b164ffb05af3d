import { describe, expect, it } from '@jest/globals';
import { booleanFlag, type Snapshot } from '@flagstaff/sdk-core';
import { snapshotJson } from './snapshot-json.js';

describe('snapshotJson', () => {
  const snapshot: Snapshot = {
    version: 7,
    flags: { '10': booleanFlag('10'), 'a"b': booleanFlag('a"b', { enabled: false }), é: booleanFlag('é') },
    segments: { beta: { key: 'beta', included: ['u\n1'], excluded: [], rules: [] } },
    config: { theme: { type: 'string', value: 'dark' }, limit: { type: 'number', value: 0.1 } },
    validated: true,
  };

  it('is JSON.stringify, byte for byte', () => {
    expect(snapshotJson(snapshot)).toBe(JSON.stringify(snapshot));
    expect(snapshotJson({ version: 0, flags: {}, segments: {}, config: {} })).toBe(
      JSON.stringify({ version: 0, flags: {}, segments: {}, config: {} }),
    );
  });

  it('is JSON.stringify for the next snapshot, which shares some values with this one', () => {
    snapshotJson(snapshot);
    const next: Snapshot = { ...snapshot, version: 8, flags: { ...snapshot.flags, b: booleanFlag('b') } };
    delete next.flags['a"b'];
    expect(snapshotJson(next)).toBe(JSON.stringify(next));
  });
});
