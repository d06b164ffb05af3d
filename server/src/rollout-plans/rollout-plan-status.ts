/** Where a rollout plan is; see docs/rollout-plans.md for the transitions. */
export type RolloutPlanStatus =
  'waiting' | 'ramping' | 'awaiting_approval' | 'paused' | 'rolled_back' | 'completed' | 'cancelled';

/** What a plan does to its flag when its deployment fails or is rolled back, or health breaches. */
export type FailureAction = 'pause' | 'rollback';

export interface RolloutStep {
  /** The share served the "on" variation, in units of 0.001 % (100000 is everyone). */
  readonly weight: number;
  /** How long the step runs before the next one. */
  readonly bakeSeconds: number;
  /** Whether a person must approve entering this step. */
  readonly approval: boolean;
}

/** Plans that hold their (environment, flag): everything but completed and cancelled. */
export const ACTIVE_STATUSES: readonly RolloutPlanStatus[] = [
  'waiting',
  'ramping',
  'awaiting_approval',
  'paused',
  'rolled_back',
];

/** Plans the scheduler watches: they can move without a person. */
export const LIVE_STATUSES: readonly RolloutPlanStatus[] = ['waiting', 'ramping', 'awaiting_approval'];
