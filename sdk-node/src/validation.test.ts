// sdk-node validates what the server did not: this file imports sdk-node alone (never
// `@flagstaff/sdk-core`, which registers the validator too), so it fails if sdk-node stops
// bringing its own.
import { describe, expect, it } from '@jest/globals';
import { createClient, type Snapshot } from './index.js';

const variations = [
  { key: 'on', value: true },
  { key: 'off', value: false },
];
const flag = (key: string, weight: number) => ({
  key,
  kind: 'boolean',
  variations,
  enabled: true,
  offVariation: 'off',
  targets: [],
  rules: [],
  fallthrough: {
    rollout: {
      weights: [
        { variation: 'on', weight },
        { variation: 'off', weight: 100_000 - weight },
      ],
    },
  },
  prerequisites: [],
});

describe('a snapshot not marked validated', () => {
  it('is validated by sdk-node itself: a malformed flag is a PARSE_ERROR naming its problem', async () => {
    const good = flag('good', 100_000);
    const broken = {
      ...flag('broken', 100_000),
      fallthrough: { rollout: { weights: [{ variation: 'on', weight: 5 }] } },
    };
    const bootstrap = {
      version: 1,
      flags: { good, broken },
      segments: {},
      config: {},
    } as unknown as Snapshot;
    const client = createClient({ bootstrap, logger: {} });
    expect(await client.waitForReady()).toBe(true);
    expect(client.booleanVariationDetail('good', false, { targetingKey: 'u' })).toMatchObject({
      value: true,
      reason: 'SPLIT',
    });
    const detail = client.booleanVariationDetail('broken', false, { targetingKey: 'u' });
    expect(detail).toMatchObject({ value: false, reason: 'ERROR', errorCode: 'PARSE_ERROR' });
    expect(detail.errorMessage).toMatch(/^\/flags\/broken\/fallthrough\/rollout/);
    await client.close();
  });
});
