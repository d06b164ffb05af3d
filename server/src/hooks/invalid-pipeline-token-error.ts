import { DomainError } from '../errors/domain-error.js';

/**
 * No pipeline token, or one that is unknown, revoked, of an archived project, or of another kind.
 * One message for all of them, so a caller learns nothing about which.
 */
export class InvalidPipelineTokenError extends DomainError {
  readonly code = 'UNAUTHENTICATED';

  constructor() {
    super('a valid pipeline token is required (Authorization: Bearer fsp_…)');
    this.name = 'InvalidPipelineTokenError';
  }
}
