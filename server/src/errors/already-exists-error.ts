import { DomainError } from './domain-error.js';

export class AlreadyExistsError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(what: string) {
    super(`${what} already exists`);
    this.name = 'AlreadyExistsError';
  }
}
