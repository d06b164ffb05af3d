import { DomainError } from '../errors/domain-error.js';
import type { PersonAction } from './rollout-plan-machine.js';
import type { RolloutPlanStatus } from './rollout-plan-status.js';

const DONE: Readonly<Record<PersonAction, string>> = {
  pause: 'paused',
  resume: 'resumed',
  approve: 'approved',
  rollBack: 'rolled back',
  complete: 'completed',
  cancel: 'cancelled',
};

/** A person's action the plan's status does not allow (approving a plan that awaits no approval). */
export class InvalidPlanTransitionError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(
    action: PersonAction,
    readonly status: RolloutPlanStatus,
  ) {
    super(`the rollout plan is ${status.replace('_', ' ')}; it cannot be ${DONE[action]} now`);
    this.name = 'InvalidPlanTransitionError';
  }

  override details(): Record<string, unknown> {
    return { status: this.status };
  }
}
