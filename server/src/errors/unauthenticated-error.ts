import { DomainError } from './domain-error.js';

/** No token, or one that is unknown or revoked: the message never says which. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED';

  constructor() {
    super('a valid admin token is required (Authorization: Bearer fsa_…)');
    this.name = 'UnauthenticatedError';
  }
}
