import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConfigSecrets } from '../configuration/config-secrets.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { SECRETS_DISABLED_MESSAGE } from '../configuration/secrets-disabled-error.js';
import { PipelineSigningSecretEntity } from './pipeline-signing-secret.entity.js';

/**
 * Signing secrets of pipeline tokens: 256 random bits behind a tag (`fsh_`), shown once, stored
 * sealed with the configuration secrets' key, since checking an HMAC needs the key itself.
 */
@Injectable()
export class PipelineSigningSecrets {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: ConfigSecrets,
  ) {}

  /** Whether a token has a signing secret, so its hook calls must be signed. */
  exists(tokenId: string): Promise<boolean> {
    return this.dataSource.getRepository(PipelineSigningSecretEntity).existsBy({ tokenId });
  }

  /** Refuses up front, before anything is written, on a server that cannot seal secrets. */
  checkEnabled(path: string): void {
    if (!this.secrets.enabled) throw InvalidInputError.at(path, 'SECRETS_DISABLED', SECRETS_DISABLED_MESSAGE);
  }

  /** Makes and stores a token's signing secret; returns it, to be shown once. */
  async create(db: EntityManager, tokenId: string): Promise<string> {
    const secret = `fsh_${randomBytes(32).toString('base64url')}`;
    const sealed = this.secrets.seal(secret);
    await db.insert(PipelineSigningSecretEntity, {
      tokenId,
      ciphertext: sealed.ciphertext,
      keyId: sealed.keyId,
    });
    return secret;
  }

  /** The plaintext of a stored signing secret. */
  reveal(stored: Pick<PipelineSigningSecretEntity, 'tokenId' | 'ciphertext' | 'keyId'>): string {
    return this.secrets.reveal({
      key: `signing secret of token ${stored.tokenId}`,
      secret: true,
      ciphertext: stored.ciphertext,
      keyId: stored.keyId,
    });
  }
}
