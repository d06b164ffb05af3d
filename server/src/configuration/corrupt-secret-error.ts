/** A sealed secret that no key can open: truncated, of an unknown format, or altered. */
export class CorruptSecretError extends Error {
  readonly code = 'SECRET_CORRUPT';

  constructor(problem: string) {
    super(`secret cannot be decrypted: ${problem}`);
    this.name = 'CorruptSecretError';
  }
}
