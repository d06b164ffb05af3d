/** A mistake on the command line or in the environment: printed with `usage`, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The usage line of the command concerned, or the general one. */
    readonly usage: string,
  ) {
    super(message);
  }
}
