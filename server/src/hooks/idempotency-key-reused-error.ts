import { DomainError } from '../errors/domain-error.js';

/** An Idempotency-Key used before for a different request (another route or another body). */
export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';

  constructor() {
    super('this Idempotency-Key was used for a different request; use a new key for a new request');
    this.name = 'IdempotencyKeyReusedError';
  }
}
