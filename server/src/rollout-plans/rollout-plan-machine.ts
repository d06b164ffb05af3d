import { BUCKETS } from '@flagstaff/sdk-core';
import type { DeploymentStatus } from '../bus/release-event.js';
import { InvalidPlanTransitionError } from './invalid-plan-transition-error.js';
import {
  ACTIVE_STATUSES,
  LIVE_STATUSES,
  type FailureAction,
  type RolloutPlanStatus,
  type RolloutStep,
} from './rollout-plan-status.js';

export type TransitionKind =
  | 'created'
  | 'started'
  | 'advanced'
  | 'awaiting_approval'
  | 'approved'
  | 'completed'
  | 'paused'
  | 'resumed'
  | 'rolled_back'
  | 'cancelled';

/** What made a transition happen. */
export type TransitionCause =
  'person' | 'schedule' | 'deployment' | 'health' | 'flag_edit' | 'flag_archived' | 'flag_refused';

/** What the machine needs to know of a plan. */
export interface PlanState {
  readonly status: RolloutPlanStatus;
  readonly steps: readonly RolloutStep[];
  readonly onFailure: FailureAction;
  readonly step: number;
  readonly weight: number;
  readonly nextActionAt: Date | null;
  readonly deploymentId: string | null;
  /** Keys and the version, for the messages people read. */
  readonly application: string;
  readonly environment: string;
  readonly minVersion: string;
}

export interface DeploymentFact {
  readonly id: string;
  readonly version: string;
  readonly status: DeploymentStatus;
}

/** What the world looks like now, read from the database (never from events alone). */
export interface PlanFacts {
  /** The scheduler's clock. */
  readonly now: Date;
  /** The deployment the plan follows, as it is now; null when it follows none. */
  readonly bound: DeploymentFact | null;
  /** A later deployment of the application there that changed since the plan began watching. */
  readonly later: DeploymentFact | null;
  /** The most recent deployment there at or above the plan's version that is succeeded now. */
  readonly succeeded: { readonly id: string; readonly version: string } | null;
  /** The first health breach since the plan began watching (its current step started). */
  readonly breach: { readonly source: string } | null;
  /** Who changed the flag's configuration since the plan last wrote it; null when nobody did. */
  readonly editedBy: string | null;
  readonly flagArchived: boolean;
}

export type PersonAction = 'pause' | 'resume' | 'approve' | 'rollBack' | 'complete' | 'cancel';

export type PlanTrigger =
  /** The scheduler (a tick, or a release event) looks at the plan. */
  | { readonly kind: 'check' }
  /** The plan's own write was refused (its configuration no longer validates). */
  | { readonly kind: 'refused'; readonly problem: string }
  | { readonly kind: PersonAction; readonly by: string; readonly note?: string | null };

/** The plan as a transition leaves it, and what that does to the flag. */
export interface Transition {
  readonly kind: TransitionKind;
  readonly cause: TransitionCause;
  readonly status: RolloutPlanStatus;
  readonly step: number;
  readonly weight: number;
  readonly nextActionAt: Date | null;
  readonly deploymentId: string | null;
  readonly statusReason: string | null;
  /** Why, as the flag revision and the plan's history say it. */
  readonly message: string;
  /** The flag's configuration is written (to serve `weight`). */
  readonly writesFlag: boolean;
  /** A step (or the wait for its approval) begins now: breaches count from here. */
  readonly restartsWatch: boolean;
}

/** Which person actions each status allows. */
const ALLOWED: Readonly<Record<PersonAction, readonly RolloutPlanStatus[]>> = {
  pause: LIVE_STATUSES,
  resume: ['paused', 'rolled_back'],
  approve: ['awaiting_approval'],
  rollBack: ['waiting', 'ramping', 'awaiting_approval', 'paused'],
  complete: ACTIVE_STATUSES,
  cancel: ACTIVE_STATUSES,
};

/**
 * The rollout plan state machine, pure: given a plan, the facts and a trigger, the transition to
 * make, or null when there is nothing to do. A person's action the status does not allow throws
 * InvalidPlanTransitionError. The scheduler runs it before taking locks (to know what it will
 * write) and again under them (to make sure it still holds), so it must depend on nothing else.
 */
export function decide(plan: PlanState, facts: PlanFacts, trigger: PlanTrigger): Transition | null {
  switch (trigger.kind) {
    case 'check':
      return check(plan, facts);
    case 'refused':
      if (!LIVE_STATUSES.includes(plan.status)) return null;
      return stop(plan, 'flag_refused', `the flag's configuration was refused: ${trigger.problem}`);
    default:
      if (!ALLOWED[trigger.kind].includes(plan.status)) {
        throw new InvalidPlanTransitionError(trigger.kind, plan.status);
      }
      return act(plan, facts, trigger.kind, `${trigger.by}${trigger.note ? `: ${trigger.note}` : ''}`);
  }
}

function check(plan: PlanState, facts: PlanFacts): Transition | null {
  if (!LIVE_STATUSES.includes(plan.status)) return null;
  if (facts.flagArchived) return stop(plan, 'flag_archived', 'the flag is archived');
  if (plan.status === 'waiting') {
    if (!facts.succeeded) return null;
    const begun = begin(plan, facts, facts.succeeded, 'started', 'deployment');
    return begun.writesFlag && facts.editedBy ? editedStop(plan, facts.editedBy) : begun;
  }
  const failure = failureOf(plan, facts);
  if (failure) return fail(plan, failure.cause, failure.text);
  if (plan.status !== 'ramping' || plan.nextActionAt === null || facts.now < plan.nextActionAt) return null;
  const n = plan.steps.length;
  const baked = ` after ${formatDuration(plan.steps[plan.step - 1]!.bakeSeconds)} bake`;
  if (plan.step >= n) {
    return {
      ...same(plan),
      kind: 'completed',
      cause: 'schedule',
      status: 'completed',
      nextActionAt: null,
      statusReason: null,
      message: `completed at ${formatPercent(plan.weight)} %${baked}`,
    };
  }
  if (plan.steps[plan.step]!.approval) return awaitApproval(plan, plan.step + 1, 'schedule', false);
  if (facts.editedBy) return editedStop(plan, facts.editedBy);
  return enter(plan, facts, plan.step + 1, 'advanced', 'schedule', plan.deploymentId, baked);
}

function act(plan: PlanState, facts: PlanFacts, action: PersonAction, by: string): Transition {
  const percent = formatPercent(plan.weight);
  switch (action) {
    case 'pause':
      return {
        ...same(plan),
        kind: 'paused',
        cause: 'person',
        status: 'paused',
        nextActionAt: null,
        statusReason: `paused by ${by}`,
        message: `paused at ${percent} % by ${by}`,
      };
    case 'resume':
      return resume(plan, facts, by);
    case 'approve':
      return enter(
        plan,
        facts,
        plan.step + 1,
        'approved',
        'person',
        plan.deploymentId,
        `, approved by ${by}`,
      );
    case 'rollBack':
      return rolledBack(plan, 'person', `rolled back by ${by}`, `rolled back to 0 % by ${by}`);
    case 'complete':
      return {
        ...same(plan),
        kind: 'completed',
        cause: 'person',
        status: 'completed',
        step: plan.steps.length,
        weight: BUCKETS,
        nextActionAt: null,
        statusReason: null,
        message: `completed at 100 % by ${by}`,
        writesFlag: true,
      };
    case 'cancel':
      return {
        ...same(plan),
        kind: 'cancelled',
        cause: 'person',
        status: 'cancelled',
        nextActionAt: null,
        statusReason: `cancelled by ${by}`,
        message: `cancelled at ${percent} % by ${by}`,
      };
  }
}

/**
 * Back to the current step with a full bake when a deployment at or above the version is
 * succeeded (the plan's own, or a newer one); to the first step when none was entered; to
 * waiting at 0 % when there is no such deployment.
 */
function resume(plan: PlanState, facts: PlanFacts, by: string): Transition {
  const deployment = facts.bound?.status === 'succeeded' ? facts.bound : facts.succeeded;
  if (!deployment) {
    return {
      ...same(plan),
      kind: 'resumed',
      cause: 'person',
      status: 'waiting',
      step: 0,
      weight: 0,
      nextActionAt: null,
      deploymentId: null,
      statusReason: waitingReason(plan),
      message: `resumed by ${by}: ${waitingReason(plan)}; 0 %`,
      writesFlag: true,
    };
  }
  if (plan.step === 0) return begin(plan, facts, deployment, 'resumed', 'person', `, resumed by ${by}`);
  return enter(plan, facts, plan.step, 'resumed', 'person', deployment.id, `, resumed by ${by}`);
}

/** The first step, or the wait for its approval, following `deployment`. */
function begin(
  plan: PlanState,
  facts: PlanFacts,
  deployment: { readonly id: string; readonly version: string },
  kind: TransitionKind,
  cause: TransitionCause,
  why = ` after ${plan.application} ${deployment.version} deployed`,
): Transition {
  const bound = { ...plan, deploymentId: deployment.id };
  if (plan.steps[0]!.approval) return awaitApproval(bound, 1, cause, true, kind);
  return enter(bound, facts, 1, kind, cause, deployment.id, why);
}

function enter(
  plan: PlanState,
  facts: PlanFacts,
  k: number,
  kind: TransitionKind,
  cause: TransitionCause,
  deploymentId: string | null,
  /** Appended to "step k/n: p %": " after 10 min bake", ", approved by …". */
  why: string,
): Transition {
  const step = plan.steps[k - 1]!;
  return {
    kind,
    cause,
    status: 'ramping',
    step: k,
    weight: step.weight,
    nextActionAt: new Date(facts.now.getTime() + step.bakeSeconds * 1000),
    deploymentId,
    statusReason: null,
    message: `step ${k}/${plan.steps.length}: ${formatPercent(step.weight)} %${why}`,
    writesFlag: true,
    restartsWatch: true,
  };
}

function awaitApproval(
  plan: PlanState,
  k: number,
  cause: TransitionCause,
  restartsWatch: boolean,
  kind: TransitionKind = 'awaiting_approval',
): Transition {
  const reason = `step ${k}/${plan.steps.length} (${formatPercent(plan.steps[k - 1]!.weight)} %) needs approval`;
  return {
    ...same(plan),
    kind,
    cause,
    status: 'awaiting_approval',
    step: k - 1,
    nextActionAt: null,
    statusReason: reason,
    message: `${reason}; ${formatPercent(plan.weight)} % until then`,
    restartsWatch,
  };
}

function failureOf(plan: PlanState, facts: PlanFacts): { cause: TransitionCause; text: string } | undefined {
  for (const d of [facts.bound, facts.later]) {
    if (d && (d.status === 'failed' || d.status === 'rolled_back')) {
      const what = d.status === 'failed' ? 'failed' : 'was rolled back';
      return { cause: 'deployment', text: `deployment of ${plan.application} ${d.version} ${what}` };
    }
  }
  if (facts.breach) return { cause: 'health', text: `health breach reported by ${facts.breach.source}` };
  return undefined;
}

/** What the plan's onFailure says: pause where it is, or back to 0 %. */
function fail(plan: PlanState, cause: TransitionCause, text: string): Transition {
  if (plan.onFailure === 'rollback') return rolledBack(plan, cause, text, `rolled back to 0 %: ${text}`);
  return stop(plan, cause, text);
}

function stop(plan: PlanState, cause: TransitionCause, text: string): Transition {
  return {
    ...same(plan),
    kind: 'paused',
    cause,
    status: 'paused',
    nextActionAt: null,
    statusReason: text,
    message: `paused at ${formatPercent(plan.weight)} %: ${text}`,
  };
}

/** A person changed the flag: the plan stops rather than overwrite them. */
function editedStop(plan: PlanState, editor: string): Transition {
  return stop(plan, 'flag_edit', `flag edited by ${editor}; resume to let the plan change it again`);
}

function rolledBack(plan: PlanState, cause: TransitionCause, reason: string, message: string): Transition {
  return {
    ...same(plan),
    kind: 'rolled_back',
    cause,
    status: 'rolled_back',
    step: 0,
    weight: 0,
    nextActionAt: null,
    statusReason: reason,
    message,
    writesFlag: true,
  };
}

/** The plan as it is, as the base of a transition that changes a few things. */
function same(plan: PlanState): Omit<Transition, 'kind' | 'cause' | 'message'> {
  return {
    status: plan.status,
    step: plan.step,
    weight: plan.weight,
    nextActionAt: plan.nextActionAt,
    deploymentId: plan.deploymentId,
    statusReason: null,
    writesFlag: false,
    restartsWatch: false,
  };
}

export function waitingReason(plan: Pick<PlanState, 'application' | 'environment' | 'minVersion'>): string {
  return `waiting for a deployment of ${plan.application} ≥ ${plan.minVersion} to succeed in ${plan.environment}`;
}

/** 1000 → "1", 500 → "0.5": weights are in units of 0.001 %. */
export function formatPercent(weight: number): string {
  return String(weight / 1000);
}

/** 600 → "10 min", 5400 → "1 h 30 min", 0 → "0 s". */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  const units: Array<[number, string]> = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  let rest = seconds;
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}`);
  }
  return parts.length === 0 ? '0 s' : parts.join(' ');
}
