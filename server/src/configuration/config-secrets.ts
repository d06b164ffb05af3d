import { Inject, Injectable } from '@nestjs/common';
import type { ConfigEntryEntity } from './config-entry.entity.js';
import type { SecretBox } from './secret-box.js';
import { SECRET_BOX } from './secret-box-token.js';
import { SecretsDisabledError } from './secrets-disabled-error.js';

export interface SealedSecret {
  readonly ciphertext: Buffer;
  readonly keyId: string;
}

/**
 * The only way to a secret's plaintext: sealing on write, and `reveal` for SDK delivery to server
 * keys. Nothing over GraphQL reads through it.
 */
@Injectable()
export class ConfigSecrets {
  constructor(@Inject(SECRET_BOX) private readonly box: SecretBox | null) {}

  /** Whether this server can store secrets (it has a key). */
  get enabled(): boolean {
    return this.box !== null;
  }

  /** Throws SecretsDisabledError without a key. */
  seal(plaintext: string): SealedSecret {
    if (!this.box) throw new SecretsDisabledError();
    return { ciphertext: this.box.seal(plaintext), keyId: this.box.keyId };
  }

  /**
   * The plaintext of a stored secret. Throws SecretKeyMismatchError when it was sealed under
   * another FLAGSTAFF_SECRET_KEY, CorruptSecretError when its bytes were altered, and
   * SecretsDisabledError when this server has no key.
   */
  reveal(entry: Pick<ConfigEntryEntity, 'key' | 'secret' | 'ciphertext' | 'keyId'>): string {
    if (!entry.secret || !entry.ciphertext) throw new TypeError(`config entry ${entry.key} is not a secret`);
    if (!this.box) throw new SecretsDisabledError();
    return this.box.open(entry.ciphertext, entry.keyId ?? undefined);
  }
}
