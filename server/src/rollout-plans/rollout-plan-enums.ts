import { registerEnumType } from '@nestjs/graphql';
import type { TransitionCause, TransitionKind } from './rollout-plan-machine.js';
import type { FailureAction, RolloutPlanStatus } from './rollout-plan-status.js';

// GraphQL enums name their values in capitals; the database and the code use the words.
export const RolloutPlanStatusEnum = {
  WAITING: 'waiting',
  RAMPING: 'ramping',
  AWAITING_APPROVAL: 'awaiting_approval',
  PAUSED: 'paused',
  ROLLED_BACK: 'rolled_back',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
} as const satisfies Record<string, RolloutPlanStatus>;

export const FailureActionEnum = {
  PAUSE: 'pause',
  ROLLBACK: 'rollback',
} as const satisfies Record<string, FailureAction>;

export const TransitionKindEnum = {
  CREATED: 'created',
  STARTED: 'started',
  ADVANCED: 'advanced',
  AWAITING_APPROVAL: 'awaiting_approval',
  APPROVED: 'approved',
  COMPLETED: 'completed',
  PAUSED: 'paused',
  RESUMED: 'resumed',
  ROLLED_BACK: 'rolled_back',
  CANCELLED: 'cancelled',
} as const satisfies Record<string, TransitionKind>;

export const TransitionCauseEnum = {
  PERSON: 'person',
  SCHEDULE: 'schedule',
  DEPLOYMENT: 'deployment',
  HEALTH: 'health',
  FLAG_EDIT: 'flag_edit',
  FLAG_ARCHIVED: 'flag_archived',
  FLAG_REFUSED: 'flag_refused',
} as const satisfies Record<string, TransitionCause>;

registerEnumType(RolloutPlanStatusEnum, {
  name: 'RolloutPlanStatus',
  description:
    'WAITING for the deployment, RAMPING through steps, AWAITING_APPROVAL of the next step, PAUSED, ROLLED_BACK (0 %), COMPLETED or CANCELLED.',
});
registerEnumType(FailureActionEnum, {
  name: 'RolloutFailureAction',
  description:
    'What a plan does when its deployment fails or is rolled back, or health breaches during the ramp: PAUSE where it is, or ROLLBACK the flag to 0 %.',
});
registerEnumType(TransitionKindEnum, { name: 'RolloutPlanEventKind' });
registerEnumType(TransitionCauseEnum, {
  name: 'RolloutPlanEventCause',
  description:
    'PERSON (a mutation), SCHEDULE (a bake ended), DEPLOYMENT (it succeeded, failed or was rolled back), HEALTH (a breach), FLAG_EDIT (a person changed the flag), FLAG_ARCHIVED, FLAG_REFUSED (the flag would no longer validate).',
});
