import { describe, expect, it } from '@jest/globals';
import { InvalidPlanTransitionError } from './invalid-plan-transition-error.js';
import {
  decide,
  formatDuration,
  formatPercent,
  type PersonAction,
  type PlanFacts,
  type PlanState,
} from './rollout-plan-machine.js';
import type { RolloutPlanStatus } from './rollout-plan-status.js';

const T0 = new Date('2026-12-01T10:00:00Z');
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const plan = (overrides: Partial<PlanState> = {}): PlanState => ({
  status: 'waiting',
  steps: [
    { weight: 1000, bakeSeconds: 600, approval: false },
    { weight: 5000, bakeSeconds: 600, approval: false },
    { weight: 25_000, bakeSeconds: 600, approval: true },
    { weight: 100_000, bakeSeconds: 0, approval: false },
  ],
  onFailure: 'pause',
  step: 0,
  weight: 0,
  nextActionAt: null,
  deploymentId: null,
  application: 'checkout',
  environment: 'production',
  minVersion: '2.3.0',
  ...overrides,
});

const deployment = { id: 'd-1', version: '2.3.0', status: 'succeeded' as const };

const facts = (overrides: Partial<PlanFacts> = {}): PlanFacts => ({
  now: T0,
  bound: null,
  later: null,
  succeeded: null,
  breach: null,
  editedBy: null,
  flagArchived: false,
  ...overrides,
});

/** A plan ramping at step `k` (1-based) of the default steps, bound to the deployment, its bake ending at `due`. */
const ramping = (k: number, overrides: Partial<PlanState> = {}): PlanState =>
  plan({
    status: 'ramping',
    step: k,
    weight: plan().steps[k - 1]!.weight,
    nextActionAt: later(600),
    deploymentId: deployment.id,
    ...overrides,
  });

const check = { kind: 'check' } as const;
const by = (kind: PersonAction, note?: string) => ({ kind, by: 'alice (fsa_abc)', note });

describe('the rollout plan state machine', () => {
  describe('waiting', () => {
    it('keeps waiting while no deployment at or above the version succeeded', () => {
      expect(decide(plan(), facts(), check)).toBeNull();
    });

    it('enters the first step when the deployment succeeded, and follows that deployment', () => {
      expect(decide(plan(), facts({ succeeded: deployment }), check)).toMatchObject({
        kind: 'started',
        cause: 'deployment',
        status: 'ramping',
        step: 1,
        weight: 1000,
        nextActionAt: later(600),
        deploymentId: 'd-1',
        writesFlag: true,
        restartsWatch: true,
        message: 'step 1/4: 1 % after checkout 2.3.0 deployed',
      });
    });

    it('waits for approval instead when the first step needs one, serving nothing yet', () => {
      const gated = plan({ steps: [{ weight: 1000, bakeSeconds: 60, approval: true }] });
      expect(decide(gated, facts({ succeeded: deployment }), check)).toMatchObject({
        kind: 'started',
        status: 'awaiting_approval',
        step: 0,
        weight: 0,
        deploymentId: 'd-1',
        writesFlag: false,
        statusReason: 'step 1/1 (1 %) needs approval',
      });
    });

    it('pauses rather than overwrite a person who edited the flag while it waited', () => {
      expect(decide(plan(), facts({ succeeded: deployment, editedBy: 'bob (fsa_b)' }), check)).toMatchObject({
        kind: 'paused',
        cause: 'flag_edit',
        status: 'paused',
        writesFlag: false,
        statusReason: 'flag edited by bob (fsa_b); resume to let the plan change it again',
      });
    });
  });

  describe('ramping', () => {
    it('does nothing before the bake ends', () => {
      expect(decide(ramping(1), facts({ bound: deployment, now: later(599) }), check)).toBeNull();
    });

    it('enters the next step when the bake ended, saying why', () => {
      expect(decide(ramping(1), facts({ bound: deployment, now: later(600) }), check)).toMatchObject({
        kind: 'advanced',
        cause: 'schedule',
        status: 'ramping',
        step: 2,
        weight: 5000,
        nextActionAt: later(1200),
        writesFlag: true,
        message: 'step 2/4: 5 % after 10 min bake',
      });
    });

    it('stops at the previous share to await approval of a step that needs one', () => {
      expect(decide(ramping(2), facts({ bound: deployment, now: later(600) }), check)).toMatchObject({
        kind: 'awaiting_approval',
        status: 'awaiting_approval',
        step: 2,
        weight: 5000,
        nextActionAt: null,
        writesFlag: false,
        restartsWatch: false,
        statusReason: 'step 3/4 (25 %) needs approval',
      });
    });

    it('completes after the last step baked, leaving the flag as it is', () => {
      expect(decide(ramping(4), facts({ bound: deployment, now: later(600) }), check)).toMatchObject({
        kind: 'completed',
        status: 'completed',
        step: 4,
        weight: 100_000,
        writesFlag: false,
        message: 'completed at 100 % after 0 s bake',
      });
    });

    it('pauses rather than overwrite a person who edited the flag during the step', () => {
      const edited = facts({ bound: deployment, now: later(600), editedBy: 'bob (fsa_b)' });
      expect(decide(ramping(1), edited, check)).toMatchObject({
        kind: 'paused',
        cause: 'flag_edit',
        weight: 1000,
      });
    });

    it('pauses when the flag was archived', () => {
      expect(decide(ramping(1), facts({ bound: deployment, flagArchived: true }), check)).toMatchObject({
        status: 'paused',
        cause: 'flag_archived',
      });
    });
  });

  describe('safety', () => {
    const failures: Array<[string, Partial<PlanFacts>, string, string]> = [
      [
        'its deployment was rolled back',
        { bound: { ...deployment, status: 'rolled_back' } },
        'deployment',
        'deployment of checkout 2.3.0 was rolled back',
      ],
      [
        'its deployment failed',
        { bound: { ...deployment, status: 'failed' } },
        'deployment',
        'deployment of checkout 2.3.0 failed',
      ],
      [
        'a later deployment there failed',
        { bound: deployment, later: { id: 'd-2', version: '2.4.0', status: 'failed' } },
        'deployment',
        'deployment of checkout 2.4.0 failed',
      ],
      [
        'health breached',
        { bound: deployment, breach: { source: 'prometheus/HighErrorRate' } },
        'health',
        'health breach reported by prometheus/HighErrorRate',
      ],
    ];

    it.each(failures)('pauses where it is when %s and onFailure is PAUSE', (_what, seen, cause, text) => {
      expect(decide(ramping(2), facts(seen), check)).toMatchObject({
        kind: 'paused',
        cause,
        status: 'paused',
        step: 2,
        weight: 5000,
        nextActionAt: null,
        writesFlag: false,
        statusReason: text,
      });
    });

    it.each(failures)(
      'rolls the flag back to 0 %% when %s and onFailure is ROLLBACK',
      (_what, seen, cause, text) => {
        expect(decide(ramping(2, { onFailure: 'rollback' }), facts(seen), check)).toMatchObject({
          kind: 'rolled_back',
          cause,
          status: 'rolled_back',
          step: 0,
          weight: 0,
          writesFlag: true,
          message: `rolled back to 0 %: ${text}`,
        });
      },
    );

    it('acts on a failure before a bake that ended at the same time', () => {
      const seen = facts({ bound: deployment, breach: { source: 'pager' }, now: later(600) });
      expect(decide(ramping(1), seen, check)?.kind).toBe('paused');
    });

    it('watches while awaiting approval too', () => {
      const awaiting = ramping(2, { status: 'awaiting_approval', nextActionAt: null });
      expect(decide(awaiting, facts({ breach: { source: 'pager' } }), check)?.status).toBe('paused');
    });

    it('rolls back over a person’s edit: safety does not wait for them', () => {
      const seen = facts({ breach: { source: 'pager' }, editedBy: 'bob (fsa_b)' });
      expect(decide(ramping(2, { onFailure: 'rollback' }), seen, check)).toMatchObject({
        status: 'rolled_back',
        writesFlag: true,
      });
    });

    it.each<RolloutPlanStatus>(['paused', 'rolled_back', 'completed', 'cancelled'])(
      'leaves a %s plan alone',
      (status) => {
        expect(
          decide(ramping(2, { status }), facts({ breach: { source: 'pager' }, now: later(9999) }), check),
        ).toBeNull();
      },
    );
  });

  describe('people', () => {
    it('pauses where it is, naming who and why', () => {
      expect(decide(ramping(2), facts(), by('pause', 'maintenance'))).toMatchObject({
        kind: 'paused',
        cause: 'person',
        status: 'paused',
        weight: 5000,
        writesFlag: false,
        statusReason: 'paused by alice (fsa_abc): maintenance',
        message: 'paused at 5 % by alice (fsa_abc): maintenance',
      });
    });

    it('resumes the current step with a full bake while the deployment is succeeded', () => {
      const paused = ramping(2, { status: 'paused', nextActionAt: null });
      expect(decide(paused, facts({ bound: deployment }), by('resume'))).toMatchObject({
        kind: 'resumed',
        status: 'ramping',
        step: 2,
        weight: 5000,
        nextActionAt: later(600),
        writesFlag: true,
        restartsWatch: true,
      });
    });

    it('resumes following a newer succeeded deployment when its own was rolled back', () => {
      const paused = ramping(2, { status: 'paused', nextActionAt: null });
      const seen = facts({
        bound: { ...deployment, status: 'rolled_back' },
        succeeded: { id: 'd-2', version: '2.3.1' },
      });
      expect(decide(paused, seen, by('resume'))).toMatchObject({ status: 'ramping', deploymentId: 'd-2' });
    });

    it('resumes to waiting at 0 % when no deployment at or above the version is succeeded', () => {
      const paused = ramping(2, { status: 'paused', nextActionAt: null });
      expect(
        decide(paused, facts({ bound: { ...deployment, status: 'rolled_back' } }), by('resume')),
      ).toMatchObject({
        status: 'waiting',
        step: 0,
        weight: 0,
        deploymentId: null,
        writesFlag: true,
        statusReason: 'waiting for a deployment of checkout ≥ 2.3.0 to succeed in production',
      });
    });

    it('resumes a rolled-back plan from the first step', () => {
      const back = plan({ status: 'rolled_back', deploymentId: 'd-1' });
      expect(decide(back, facts({ bound: deployment }), by('resume'))).toMatchObject({
        status: 'ramping',
        step: 1,
        weight: 1000,
      });
    });

    it('enters the awaited step on approval', () => {
      const awaiting = ramping(2, { status: 'awaiting_approval', nextActionAt: null });
      expect(decide(awaiting, facts(), by('approve', 'dashboards are green'))).toMatchObject({
        kind: 'approved',
        status: 'ramping',
        step: 3,
        weight: 25_000,
        nextActionAt: later(600),
        writesFlag: true,
        message: 'step 3/4: 25 %, approved by alice (fsa_abc): dashboards are green',
      });
    });

    it('rolls back to 0 %, completes at 100 %, and cancels leaving the flag alone', () => {
      expect(decide(ramping(2), facts(), by('rollBack'))).toMatchObject({
        status: 'rolled_back',
        weight: 0,
        writesFlag: true,
      });
      expect(decide(ramping(2), facts(), by('complete'))).toMatchObject({
        status: 'completed',
        step: 4,
        weight: 100_000,
        writesFlag: true,
      });
      expect(decide(ramping(2), facts(), by('cancel'))).toMatchObject({
        status: 'cancelled',
        weight: 5000,
        writesFlag: false,
      });
    });

    const refused: Array<[PersonAction, RolloutPlanStatus]> = [
      ['approve', 'ramping'],
      ['resume', 'ramping'],
      ['pause', 'paused'],
      ['rollBack', 'rolled_back'],
      ['complete', 'completed'],
      ['cancel', 'cancelled'],
      ['resume', 'completed'],
    ];
    it.each(refused)('refuses to %s a %s plan', (action, status) => {
      expect(() => decide(ramping(2, { status }), facts(), by(action))).toThrow(InvalidPlanTransitionError);
    });
  });

  it('pauses a live plan whose flag write was refused, and nothing else', () => {
    const refused = { kind: 'refused', problem: '/prerequisites/0: no flag x' } as const;
    expect(decide(ramping(1), facts(), refused)).toMatchObject({
      status: 'paused',
      cause: 'flag_refused',
      statusReason: "the flag's configuration was refused: /prerequisites/0: no flag x",
    });
    expect(decide(ramping(1, { status: 'paused' }), facts(), refused)).toBeNull();
  });

  it('formats shares and bake times for people', () => {
    expect([formatPercent(1000), formatPercent(500), formatPercent(12_345)]).toEqual(['1', '0.5', '12.345']);
    expect([
      formatDuration(0),
      formatDuration(45),
      formatDuration(600),
      formatDuration(5400),
      formatDuration(90_061),
    ]).toEqual(['0 s', '45 s', '10 min', '1 h 30 min', '1 d 1 h 1 min 1 s']);
  });
});
