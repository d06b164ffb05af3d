import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bucket } from '@flagstaff/sdk-core';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

const EVALUATE = `query($env: String!, $flag: String!, $context: JSON!, $draft: FlagConfigInput) {
  evaluateFlag(project: "default", environment: $env, flag: $flag, context: $context, draft: $draft) {
    value variant reason errorCode
    explanation { step ruleIndex ruleId targetingKey bucketBy bucket bucketFrom bucketTo prerequisite { flag failure required served } }
    draftProblems { path code }
  }
}`;

interface Evaluation {
  value: unknown;
  variant: string | null;
  reason: string;
  errorCode: string | null;
  explanation: Record<string, unknown>;
  draftProblems: { path: string; code: string }[];
}

const TENTH = {
  rollout: {
    weights: [
      { variation: 'on', weight: 10_000 },
      { variation: 'off', weight: 90_000 },
    ],
  },
};

describe('evaluateFlag: the console’s "test a context"', () => {
  let api: AdminApi;
  let viewer: string;
  const evaluate = async (variables: Record<string, unknown>) => {
    const res = await api.gql<{ evaluateFlag: Evaluation }>(
      EVALUATE,
      { env: 'staging', flag: 'checkout', ...variables },
      viewer,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.evaluateFlag;
  };

  beforeAll(async () => {
    api = await startAdminApi();
    viewer = await api.adminToken('viewer', 'default');
    const created = await api.gql(
      'mutation { createFlag(project: "default", input: { key: "checkout", name: "Checkout", kind: BOOLEAN }) { key } }',
    );
    expect(created.errors).toBeUndefined();
    const configured = await api.gql(
      `mutation($serve: FlagServeInput!) { updateFlagConfig(project: "default", environment: "staging", flag: "checkout", expectedVersion: 1, input: {
        enabled: true, offVariation: "off",
        targets: [{ variation: "off", values: ["vip-1"] }],
        rules: [{ id: "nz", clauses: [{ attribute: "country", op: "in", values: ["NZ"] }], serve: { variation: "on" } }],
        fallthrough: $serve }) { version } }`,
      { serve: TENTH },
    );
    expect(configured.errors).toBeUndefined();
  });
  afterAll(() => api?.close());

  it('names the individual target that decided', async () => {
    const result = await evaluate({ context: { targetingKey: 'vip-1', country: 'NZ' } });
    expect(result).toMatchObject({
      value: false,
      variant: 'off',
      reason: 'TARGETING_MATCH',
      explanation: { step: 'target', targetingKey: 'vip-1' },
    });
  });

  it('names the rule that matched, by position and id', async () => {
    const result = await evaluate({ context: { targetingKey: 'u-2', country: 'NZ' } });
    expect(result).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
      explanation: { step: 'rule', ruleIndex: 0, ruleId: 'nz' },
    });
  });

  it('shows the bucket of a rollout, the same one sdk-core computes', async () => {
    const result = await evaluate({ context: { targetingKey: 'u-3', country: 'AU' } });
    const b = bucket('checkout', 'u-3');
    expect(result.reason).toBe('SPLIT');
    expect(result.explanation).toMatchObject({ step: 'fallthrough', bucketBy: 'targetingKey', bucket: b });
    expect(result.value).toBe(b < 10_000);
    expect(result.explanation.bucketFrom as number).toBeLessThanOrEqual(b);
    expect(result.explanation.bucketTo as number).toBeGreaterThan(b);
  });

  it('answers as a disabled flag where it is off', async () => {
    const result = await evaluate({ env: 'production', context: { targetingKey: 'u-3' } });
    expect(result).toMatchObject({ value: false, reason: 'DISABLED', explanation: { step: 'disabled' } });
  });

  it('evaluates an unsaved draft without changing anything', async () => {
    const draft = { enabled: true, offVariation: 'off', fallthrough: { variation: 'on' } };
    const result = await evaluate({ env: 'production', context: { targetingKey: 'u-3' }, draft });
    expect(result).toMatchObject({ value: true, reason: 'STATIC', draftProblems: [] });
    const stored = await evaluate({ env: 'production', context: { targetingKey: 'u-3' } });
    expect(stored.reason).toBe('DISABLED');
  });

  it('lists the problems of a broken draft and evaluates it as SDKs would see it', async () => {
    const draft = {
      enabled: true,
      fallthrough: {
        rollout: {
          weights: [
            { variation: 'on', weight: 60_000 },
            { variation: 'off', weight: 60_000 },
          ],
        },
      },
    };
    const result = await evaluate({ context: { targetingKey: 'u-3' }, draft });
    expect(result.draftProblems).toEqual([{ path: '/fallthrough/rollout/weights', code: 'WEIGHTS_SUM' }]);
    expect(result).toMatchObject({
      value: null,
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
      explanation: { step: 'error' },
    });
  });

  it('refuses a context that is not an object, and a flag that does not exist', async () => {
    const notObject = await api.gql(EVALUATE, { env: 'staging', flag: 'checkout', context: ['u-1'] }, viewer);
    expect(notObject.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/context' }],
    });
    const missing = await api.gql(EVALUATE, { env: 'staging', flag: 'nope', context: {} }, viewer);
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
