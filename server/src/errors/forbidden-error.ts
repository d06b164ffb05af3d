import { DomainError } from './domain-error.js';

/** The caller may see the thing but not do this to it. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';

  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}
