import type { DeploymentStatus } from '../bus/release-event.js';
import { DomainError } from '../errors/domain-error.js';

/** A deployment status that cannot follow the current one (started → succeeded | failed → rolled_back). */
export class InvalidStatusTransitionError extends DomainError {
  readonly code = 'INVALID_STATUS_TRANSITION';

  constructor(
    what: string,
    readonly from: DeploymentStatus,
    readonly to: DeploymentStatus,
  ) {
    super(`${what} is ${from}; it cannot become ${to}`);
    this.name = 'InvalidStatusTransitionError';
  }

  override details(): Record<string, unknown> {
    return { status: this.from };
  }
}
