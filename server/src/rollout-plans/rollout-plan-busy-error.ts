import { DomainError } from '../errors/domain-error.js';

/** The plan kept changing under a person's action (the scheduler acting at the same moment): try again. */
export class RolloutPlanBusyError extends DomainError {
  readonly code = 'CONFLICT';

  constructor() {
    super('the rollout plan changed while acting on it; look at it again and retry');
    this.name = 'RolloutPlanBusyError';
  }
}
