import { DomainError } from '../errors/domain-error.js';

/** The first request with this Idempotency-Key is still running; retry shortly for its answer. */
export class IdempotencyInProgressError extends DomainError {
  readonly code = 'IDEMPOTENCY_IN_PROGRESS';

  constructor() {
    super('a request with this Idempotency-Key is still in progress; retry shortly to get its answer');
    this.name = 'IdempotencyInProgressError';
  }
}
