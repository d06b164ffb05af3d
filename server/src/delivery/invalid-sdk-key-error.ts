import { DomainError } from '../errors/domain-error.js';

/**
 * No SDK key, or one that is malformed, unknown, revoked, of an archived environment, or not an
 * SDK key at all. One message for all of them, so a caller learns nothing about which.
 */
export class InvalidSdkKeyError extends DomainError {
  readonly code = 'UNAUTHENTICATED';

  constructor() {
    super('a valid SDK key is required');
    this.name = 'InvalidSdkKeyError';
  }
}
