import { describe, expect, it } from '@jest/globals';
import { compile, snapshotOf, type Flag } from '@flagstaff/sdk-core';
import { newFlagConfig, type FlagConfigRecord } from '../flags/flag-config-record.js';
import { sdkFlag } from '../flags/sdk-flag.js';
import { planFlagConfig, planRuleId } from './plan-flag-config.js';

const definition = {
  key: 'new-checkout',
  kind: 'boolean' as const,
  name: 'New checkout',
  description: '',
  variations: [
    { key: 'on', value: true },
    { key: 'off', value: false },
  ],
  metadata: {},
  clientSide: false,
};
const plan = { id: 'p-1', minVersion: '2.3.0', onVariation: 'on', offVariation: 'off' };
const keys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

function served(config: FlagConfigRecord, appVersion = '2.3.0'): Set<string> {
  const flag: Flag = sdkFlag(definition, config);
  const evaluator = compile(snapshotOf(flag));
  expect(evaluator.problems).toEqual([]);
  return new Set(
    keys.filter((k) => evaluator.booleanValue(flag.key, false, { targetingKey: k, appVersion })),
  );
}

describe('a plan’s parts in its flag', () => {
  const person: FlagConfigRecord = {
    ...newFlagConfig('off', 'off'),
    targets: [{ variation: 'on', values: ['qa-1'] }],
    rules: [
      { id: 'beta', clauses: [{ attribute: 'beta', op: 'in', values: [true] }], serve: { variation: 'on' } },
    ],
    salt: 'release-42',
  };

  it('enables the flag, puts its appVersion rule first and keeps what people set', () => {
    const config = planFlagConfig(person, plan, 5000);
    expect(config).toMatchObject({
      enabled: true,
      offVariation: 'off',
      targets: person.targets,
      salt: 'release-42',
      fallthrough: {
        rollout: {
          weights: [
            { variation: 'on', weight: 5000 },
            { variation: 'off', weight: 95_000 },
          ],
        },
      },
    });
    expect(config.rules.map((r) => r.id)).toEqual([planRuleId('p-1'), 'beta']);
    expect(planFlagConfig(config, plan, 25_000).rules.map((r) => r.id)).toEqual([planRuleId('p-1'), 'beta']);
  });

  it('keeps every key that was on as the share rises, near the share asked for', () => {
    let before = new Set<string>();
    for (const weight of [0, 1000, 5000, 25_000, 50_000, 100_000]) {
      const on = served(planFlagConfig(newFlagConfig('off', 'off'), plan, weight));
      expect(Math.abs(on.size / keys.length - weight / 100_000)).toBeLessThan(0.015);
      expect([...before].filter((key) => !on.has(key))).toEqual([]);
      before = on;
    }
    expect(before.size).toBe(keys.length);
  });

  it('serves the off variation to processes below the version, even at 100 %', () => {
    const config = planFlagConfig(newFlagConfig('off', 'off'), plan, 100_000);
    expect(served(config, '2.2.9').size).toBe(0);
    expect(served(config, '2.3.0-rc.1').size).toBe(0);
    expect(served(config, '2.4.0').size).toBe(keys.length);
  });
});
