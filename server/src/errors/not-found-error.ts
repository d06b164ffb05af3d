import { DomainError } from './domain-error.js';

/** Also thrown for things that exist in a project the caller cannot see: existence never leaks. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}
