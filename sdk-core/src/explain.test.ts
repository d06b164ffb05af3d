// Evaluator#explain: which step decided, recorded by the evaluation itself.
import { describe, expect, it } from '@jest/globals';
import { bucket } from './bucket.js';
import { booleanFlag as flag, onOffRollout, snapshotOf } from './builders.js';
import { compile, explain } from './index.js';
import type { EvaluationContext, Rule, Serve } from './model.js';

function inRule(id: string, attribute: string, values: string[], serve: Serve = { variation: 'on' }): Rule {
  return { id, clauses: [{ attribute, op: 'in', values }], serve };
}

describe('explain', () => {
  it('says a disabled flag was decided by being disabled', () => {
    const ev = compile(snapshotOf(flag('f', { enabled: false })));
    expect(explain(ev, 'f', { targetingKey: 'u' })).toEqual({
      detail: expect.objectContaining({ value: false, reason: 'DISABLED' }),
      decidedBy: { step: 'disabled' },
    });
  });

  it('names the first prerequisite that failed and the variation it served', () => {
    const ev = compile(
      snapshotOf(
        flag('checkout', {
          prerequisites: [
            { flag: 'payments', variation: 'on' },
            { flag: 'region-gate', variation: 'on' },
          ],
        }),
        flag('payments'),
        flag('region-gate', { rules: [inRule('eu', 'country', ['DE', 'FR'], { variation: 'off' })] }),
      ),
    );
    const { detail, decidedBy } = explain(ev, 'checkout', { targetingKey: 'u', country: 'DE' });
    expect(detail).toMatchObject({ value: false, variant: 'off', reason: 'DEFAULT' });
    // region-gate decided by its own rule; that must not leak into checkout's explanation.
    expect(decidedBy).toEqual({
      step: 'prerequisite',
      prerequisite: { index: 1, flagKey: 'region-gate', failure: 'variation', required: 'on', served: 'off' },
    });
  });

  it('tells a disabled prerequisite from one that failed to evaluate', () => {
    const ev = compile(
      snapshotOf(
        flag('a', { prerequisites: [{ flag: 'off-flag', variation: 'on' }] }),
        flag('off-flag', { enabled: false }),
        flag('b', { prerequisites: [{ flag: 'split', variation: 'on' }] }),
        flag('split', { fallthrough: onOffRollout(50_000) }),
      ),
    );
    expect(explain(ev, 'a', { targetingKey: 'u' }).decidedBy).toEqual({
      step: 'prerequisite',
      prerequisite: { index: 0, flagKey: 'off-flag', failure: 'disabled', required: 'on', served: 'off' },
    });
    expect(explain(ev, 'b', {}).decidedBy).toEqual({
      step: 'prerequisite',
      prerequisite: { index: 0, flagKey: 'split', failure: 'error', required: 'on', served: undefined },
    });
  });

  it('reports only the outer flag’s steps when a prerequisite passes through its own rules', () => {
    const ev = compile(
      snapshotOf(
        flag('outer', {
          prerequisites: [{ flag: 'inner', variation: 'on' }],
          rules: [inRule('pro', 'plan', ['pro'])],
          fallthrough: { variation: 'off' },
        }),
        // Decided by a rule with a rollout (everyone on): a rule and a bucket the outer must not show.
        flag('inner', { rules: [inRule('us', 'country', ['US'], onOffRollout(100_000))] }),
      ),
    );
    const context = { targetingKey: 'u', country: 'US' };
    expect(explain(ev, 'inner', context).decidedBy).toMatchObject({
      step: 'rule',
      rollout: { bucketBy: 'targetingKey' },
    });
    expect(explain(ev, 'outer', { ...context, plan: 'pro' }).decidedBy).toEqual({
      step: 'rule',
      rule: { index: 0, id: 'pro' },
    });
    expect(explain(ev, 'outer', context).decidedBy).toEqual({ step: 'fallthrough' });
  });

  it('says an individually targeted context was decided by its target', () => {
    const ev = compile(
      snapshotOf(
        flag('f', {
          targets: [{ variation: 'off', values: ['qa-1', 'qa-2'] }],
          rules: [inRule('everyone', 'country', ['US'])],
        }),
      ),
    );
    expect(explain(ev, 'f', { targetingKey: 'qa-2', country: 'US' })).toEqual({
      detail: expect.objectContaining({ variant: 'off', reason: 'TARGETING_MATCH' }),
      decidedBy: { step: 'target', targetingKey: 'qa-2' },
    });
  });

  it('names the first matching rule by index and id', () => {
    const ev = compile(
      snapshotOf(
        flag('f', {
          rules: [
            {
              id: 'staff',
              clauses: [{ attribute: 'email', op: 'endsWith', values: ['@x.dev'] }],
              serve: { variation: 'on' },
            },
            {
              id: 'old-app',
              clauses: [{ attribute: 'app', op: 'semverLt', values: ['2.0.0'] }],
              serve: { variation: 'off' },
            },
            { id: 'catch-all', clauses: [], serve: { variation: 'on' } },
          ],
          fallthrough: { variation: 'off' },
        }),
      ),
    );
    expect(explain(ev, 'f', { targetingKey: 'u', app: '1.9.3' }).decidedBy).toEqual({
      step: 'rule',
      rule: { index: 1, id: 'old-app' },
    });
  });

  it('names the rule inside a merged block of `in` rules by its own index', () => {
    const countries = [['FR', 'BE'], ['DE', 'AT'], ['US', 'CA'], ['JP']];
    const ev = compile(
      snapshotOf(
        flag('f', {
          rules: [
            {
              id: 'beta',
              clauses: [{ attribute: 'beta', op: 'exists', values: [] }],
              serve: { variation: 'on' },
            },
            // Four consecutive single-clause `in` rules on one attribute: compiled into one lookup.
            ...countries.map((values, k) => inRule(`country-${k}`, 'country', values)),
          ],
          fallthrough: { variation: 'off' },
        }),
      ),
    );
    expect(explain(ev, 'f', { targetingKey: 'u', country: 'CA' }).decidedBy).toEqual({
      step: 'rule',
      rule: { index: 3, id: 'country-2' },
    });
    // An array attribute takes the block's rule-by-rule path; the index must be the same kind.
    expect(explain(ev, 'f', { targetingKey: 'u', country: ['XX', 'AT', 'JP'] }).decidedBy).toEqual({
      step: 'rule',
      rule: { index: 2, id: 'country-1' },
    });
    expect(explain(ev, 'f', { targetingKey: 'u', country: 'XX' }).decidedBy).toEqual({ step: 'fallthrough' });
  });

  it('gives a rule rollout’s bucket as bucket() computes it, with the served range around it', () => {
    const ev = compile(
      snapshotOf(
        flag('f', {
          salt: 'release-7',
          rules: [
            {
              id: 'pro',
              clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }],
              serve: onOffRollout(30_000, 'accountId'),
            },
          ],
          fallthrough: { variation: 'off' },
        }),
      ),
    );
    for (const accountId of ['acct-1', 'acct-2', 'acct-3', 'acct-4', 1234]) {
      const { detail, decidedBy } = explain(ev, 'f', { targetingKey: 'u', plan: 'pro', accountId });
      const b = bucket('release-7', accountId);
      const range = b < 30_000 ? { from: 0, to: 30_000 } : { from: 30_000, to: 100_000 };
      expect(decidedBy).toEqual({
        step: 'rule',
        rule: { index: 0, id: 'pro' },
        rollout: { bucketBy: 'accountId', bucket: b, range },
      });
      expect(detail.variant).toBe(b < 30_000 ? 'on' : 'off');
    }
  });

  it('gives the fallthrough rollout’s bucket of the targetingKey under the flag key', () => {
    const ev = compile(snapshotOf(flag('f', { fallthrough: onOffRollout(50_000) })));
    const { decidedBy } = explain(ev, 'f', { targetingKey: 'user-42' });
    expect(decidedBy).toMatchObject({
      step: 'fallthrough',
      rollout: { bucketBy: 'targetingKey', bucket: bucket('f', 'user-42') },
    });
  });

  it('says a flag serving one variation to everyone was decided by its fallthrough', () => {
    const ev = compile(snapshotOf(flag('f')));
    expect(explain(ev, 'f')).toEqual({
      detail: expect.objectContaining({ value: true, reason: 'STATIC' }),
      decidedBy: { step: 'fallthrough' },
    });
  });

  it('explains errors with the detail’s code, and a rollout that could not bucket with its rule', () => {
    const ev = compile(
      snapshotOf(
        flag('split', { rules: [{ id: 'all', clauses: [], serve: onOffRollout(50_000, 'org') }] }),
        flag('broken', { fallthrough: { variation: 'nope' } }),
        flag('cyclic', { prerequisites: [{ flag: 'cyclic', variation: 'on' }] }),
        flag('halves', { fallthrough: onOffRollout(50_000) }),
      ),
    );
    expect(explain(ev, 'split', { org: true }).decidedBy).toEqual({
      step: 'error',
      errorCode: 'INVALID_CONTEXT',
      errorMessage: 'org must be a string or a finite number',
      failedRollout: { bucketBy: 'org', rule: { index: 0, id: 'all' } },
    });
    expect(explain(ev, 'halves', {}).decidedBy).toMatchObject({
      step: 'error',
      errorCode: 'TARGETING_KEY_MISSING',
      failedRollout: { bucketBy: 'targetingKey' },
    });
    expect(explain(ev, 'halves', {}).decidedBy).not.toHaveProperty('failedRollout.rule');
    expect(explain(ev, 'broken').decidedBy).toMatchObject({ step: 'error', errorCode: 'PARSE_ERROR' });
    expect(explain(ev, 'cyclic').decidedBy).toMatchObject({ step: 'error', errorCode: 'GENERAL' });
    expect(explain(ev, 'missing').decidedBy).toEqual({
      step: 'error',
      errorCode: 'FLAG_NOT_FOUND',
      errorMessage: 'no flag missing',
    });
  });

  it('never throws, even when reading the context throws', () => {
    const ev = compile(snapshotOf(flag('f', { rules: [inRule('r', 'boom', ['x'])] })));
    const hostile = {
      get boom(): string {
        throw new Error('getter exploded');
      },
    } as EvaluationContext;
    expect(explain(ev, 'f', hostile)).toEqual({
      detail: expect.objectContaining({ value: null, reason: 'ERROR', errorCode: 'GENERAL' }),
      decidedBy: { step: 'error', errorCode: 'GENERAL', errorMessage: 'getter exploded' },
    });
  });

  it('returns the same detail as evaluate for the same flag and context', () => {
    const ev = compile(
      snapshotOf(
        flag('checkout', {
          targets: [{ variation: 'on', values: ['qa-1'] }],
          rules: [
            ...[['FR'], ['DE'], ['US', 'CA']].map((values, k) =>
              inRule(`c${k}`, 'country', values, onOffRollout(40_000)),
            ),
            {
              id: 'pro',
              clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }],
              serve: { variation: 'on' },
            },
          ],
          fallthrough: onOffRollout(10_000),
          prerequisites: [{ flag: 'payments', variation: 'on' }],
        }),
        flag('payments', { rules: [inRule('blocked', 'country', ['XX'], { variation: 'off' })] }),
        flag('dark', { enabled: false, offVariation: undefined }),
      ),
    );
    const contexts: (EvaluationContext | undefined)[] = [
      undefined,
      {},
      { targetingKey: 'qa-1' },
      { targetingKey: 'u-1', country: 'US' },
      { targetingKey: 'u-2', country: 'XX' },
      { targetingKey: 'u-3', plan: 'pro' },
      { targetingKey: 'u-4', country: ['DE', 'US'] },
      { country: 'FR' },
      { targetingKey: 'u-5' },
    ];
    for (const key of ['checkout', 'payments', 'dark', 'nope']) {
      for (const context of contexts) {
        expect(explain(ev, key, context).detail).toEqual(ev.evaluate(key, context));
      }
    }
  });
});
