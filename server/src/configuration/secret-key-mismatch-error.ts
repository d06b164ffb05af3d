/**
 * A sealed secret failed authentication under this server's key: it was written with another
 * FLAGSTAFF_SECRET_KEY. Names key ids only; never the key or the plaintext.
 */
export class SecretKeyMismatchError extends Error {
  readonly code = 'SECRET_KEY_MISMATCH';

  constructor(
    readonly currentKeyId: string,
    readonly storedKeyId?: string,
  ) {
    const stored = storedKeyId ? ` (key id ${storedKeyId})` : '';
    super(
      `secret cannot be decrypted: it was written with a different FLAGSTAFF_SECRET_KEY${stored} ` +
        `than this server's (key id ${currentKeyId})`,
    );
    this.name = 'SecretKeyMismatchError';
  }
}
