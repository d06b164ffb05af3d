import { describe, expect, it } from '@jest/globals';
import type { FlagConfigDraft } from './flag-config-draft.js';
import { reapply } from './reapply.js';

const base: FlagConfigDraft = {
  enabled: false,
  offVariation: 'off',
  targets: [],
  rules: [],
  fallthrough: { variation: 'off' },
  prerequisites: [],
  salt: null,
};

describe('reapply', () => {
  it('keeps what they changed and puts back what I changed', () => {
    const mine = { ...base, targets: [{ variation: 'on', values: ['user-1'] }] };
    const theirs = { ...base, enabled: true };
    const { draft, overlapping } = reapply(base, mine, theirs);
    expect(draft).toEqual({ ...base, enabled: true, targets: [{ variation: 'on', values: ['user-1'] }] });
    expect(overlapping).toEqual([]);
  });

  it('names the parts both changed, keeping mine there', () => {
    const mine = { ...base, enabled: true, fallthrough: { variation: 'on' } };
    const theirs = { ...base, fallthrough: { variation: 'off-2' }, salt: 'release-7' };
    const { draft, overlapping } = reapply(base, mine, theirs);
    expect(draft).toEqual({ ...base, enabled: true, fallthrough: { variation: 'on' }, salt: 'release-7' });
    expect(overlapping).toEqual(['fallthrough']);
  });
});
