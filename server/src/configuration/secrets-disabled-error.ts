/** A secret was to be sealed or opened on a server that has no secret key. */
export class SecretsDisabledError extends Error {
  readonly code = 'SECRETS_DISABLED';

  constructor() {
    super(SECRETS_DISABLED_MESSAGE);
    this.name = 'SecretsDisabledError';
  }
}

export const SECRETS_DISABLED_MESSAGE =
  'secrets are disabled: this server has no FLAGSTAFF_SECRET_KEY; set it to 32 random bytes ' +
  '(openssl rand -hex 32), the same on every instance, and restart';
