import { DomainError } from './domain-error.js';

export interface InputProblem {
  /** JSON Pointer into the input, e.g. `/rules/0/clauses/1/values/0`. */
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** Every problem found in an input, each with its path, so a form can mark all fields at once. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly problems: readonly InputProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super(first ? `${first.path || '/'}: ${first.message}${more}` : 'invalid input');
    this.name = 'InvalidInputError';
  }

  /** One problem at one path. */
  static at(path: string, code: string, message: string): InvalidInputError {
    return new InvalidInputError([{ path, code, message }]);
  }

  override details(): Record<string, unknown> {
    return { problems: this.problems };
  }
}
