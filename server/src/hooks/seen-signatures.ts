import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LOGGER } from '../app/injection-tokens.js';
import type { Logger } from '../logging/logger.js';
import { SIGNATURE_TOLERANCE_SECONDS } from './hook-signature.js';
import { Occasionally } from './occasionally.js';

/**
 * Signatures accepted recently, per token, in the database so every instance sees them: a
 * signature is accepted once. One is kept until its timestamp leaves the tolerance window, after
 * which it would be refused as stale anyway.
 */
@Injectable()
export class SeenSignatures {
  private readonly cleanUp = new Occasionally(60_000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** True the first time a token's signature is seen; false for a replay. */
  async firstUse(tokenId: string, signature: string, timestamp: number): Promise<boolean> {
    if (this.cleanUp.due()) {
      this.dataSource
        .query('DELETE FROM hook_signatures WHERE expires_at < now()')
        .catch((error: unknown) => {
          this.logger.warn({ err: error }, 'could not delete expired hook signatures');
        });
    }
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO hook_signatures (token_id, signature, expires_at) VALUES ($1, $2, to_timestamp($3))
       ON CONFLICT DO NOTHING RETURNING token_id`,
      [tokenId, signature, timestamp + SIGNATURE_TOLERANCE_SECONDS],
    );
    return inserted.length === 1;
  }
}
