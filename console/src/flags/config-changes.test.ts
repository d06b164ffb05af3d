import { describe, expect, it } from '@jest/globals';
import { configChanges, describePath, formatValue } from './config-changes.js';
import type { FlagConfigDraft } from './flag-config-draft.js';

const stored: FlagConfigDraft = {
  enabled: false,
  offVariation: 'off',
  targets: [],
  rules: [
    {
      id: 'beta',
      clauses: [{ attribute: 'country', op: 'in', negate: false, values: ['NZ'] }],
      serve: { variation: 'on' },
    },
  ],
  fallthrough: { variation: 'off' },
  prerequisites: [],
  salt: null,
};

describe('configChanges', () => {
  it('finds nothing to save in an unchanged configuration', () => {
    expect(configChanges(stored, structuredClone(stored))).toEqual([]);
  });

  it('lists a ramp to 25 % and turning the flag on as exact changes', () => {
    const rollout = {
      weights: [
        { variation: 'on', weight: 25_000 },
        { variation: 'off', weight: 75_000 },
      ],
    };
    const ramped: FlagConfigDraft = { ...stored, enabled: true, fallthrough: { rollout } };
    expect(configChanges(stored, ramped)).toEqual([
      { path: '/enabled', op: 'replace', before: false, after: true },
      { path: '/fallthrough/rollout', op: 'add', after: rollout },
      { path: '/fallthrough/variation', op: 'remove', before: 'off' },
    ]);
  });

  it('finds a value added to a clause of a rule', () => {
    const next = structuredClone(stored);
    next.rules[0]!.clauses[0]!.values.push('AU');
    expect(configChanges(stored, next)).toEqual([
      { path: '/rules/0/clauses/0/values/1', op: 'add', after: 'AU' },
    ]);
  });
});

describe('describePath', () => {
  const ramped: Partial<FlagConfigDraft> = {
    fallthrough: { rollout: { weights: [{ variation: 'on', weight: 25_000 }] } },
    targets: [{ variation: 'on', values: ['user-1'] }],
  };

  it('says where a change is as the editor names it', () => {
    expect(describePath('/enabled')).toBe('On/off');
    expect(describePath('/rules/0/clauses/1/values/2')).toBe('Rule 1 › clause 2 › value 3');
    expect(describePath('/prerequisites/0/variation')).toBe('Prerequisite 1 › variation');
  });

  it('names weights and targets by their variation when it knows the configuration', () => {
    expect(describePath('/fallthrough/rollout/weights/0/weight', ramped)).toBe(
      'Default rule › rollout › weight of “on”',
    );
    expect(describePath('/targets/0/values/0', ramped)).toBe('Targets of “on” › value 1');
  });
});

describe('formatValue', () => {
  it('shows weights as percentages and rules in words', () => {
    expect(formatValue(25_000, '/fallthrough/rollout/weights/0/weight')).toBe('25 %');
    expect(formatValue(true, '/enabled')).toBe('on');
    expect(formatValue(stored.rules[0], '/rules/0')).toBe('if country is one of "NZ": serve “on”');
    expect(formatValue({ rollout: { weights: [{ variation: 'on', weight: 25_000 }] } }, '/fallthrough')).toBe(
      'roll out on 25 %',
    );
    const rollout = {
      bucketBy: 'accountId',
      weights: [
        { variation: 'on', weight: 25_000 },
        { variation: 'off', weight: 75_000 },
      ],
    };
    expect(formatValue(rollout, '/fallthrough/rollout')).toBe('on 25 % / off 75 % by accountId');
  });
});
