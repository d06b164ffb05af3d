import { DomainError } from '../errors/domain-error.js';

/**
 * A hook request of a token that requires signatures, without a valid one: missing, malformed,
 * stale, forged or replayed. The token itself was valid, so saying which is safe and helps.
 */
export class InvalidSignatureError extends DomainError {
  readonly code = 'INVALID_SIGNATURE';

  constructor(problem: string) {
    super(problem);
    this.name = 'InvalidSignatureError';
  }
}
