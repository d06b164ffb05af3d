import { DomainError } from '../errors/domain-error.js';
import type { ReleaseStage } from './release-stage.js';

/** A promotion to the stage a release is at, or to an earlier one. */
export class InvalidStageTransitionError extends DomainError {
  readonly code = 'INVALID_STAGE_TRANSITION';

  constructor(
    what: string,
    readonly from: ReleaseStage,
    readonly to: ReleaseStage,
  ) {
    super(`${what} is at stage ${from}; it can only move forward (alpha → beta → rc → stable), not to ${to}`);
    this.name = 'InvalidStageTransitionError';
  }

  override details(): Record<string, unknown> {
    return { stage: this.from };
  }
}
