import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import { LOGGER } from '../app/injection-tokens.js';
import type { Logger } from '../logging/logger.js';
import { IdempotencyInProgressError } from './idempotency-in-progress-error.js';
import { IdempotencyKeyReusedError } from './idempotency-key-reused-error.js';
import { Occasionally } from './occasionally.js';

/** A response as it is stored and replayed. */
export interface StoredResponse {
  readonly status: number;
  readonly body: object;
}

/** The right to execute the request of a key, until completed or released. */
export interface IdempotencyClaim {
  readonly tokenId: string;
  readonly key: string;
  readonly lease: string;
}

export type ClaimOutcome =
  | { readonly kind: 'claimed'; readonly claim: IdempotencyClaim }
  | { readonly kind: 'replay'; readonly response: StoredResponse };

/** How long a second request with a key in progress waits for the first one's answer. */
const IDEMPOTENCY_WAIT_MS = 10_000;
const POLL_MS = 50;
/** A claim this old was abandoned (its instance died mid-request); another request may take it over. */
const LEASE_SECONDS = 30;
const KEY_LIFETIME = `interval '24 hours'`;

/**
 * Idempotency keys of the hooks, per pipeline token, in the database so every instance shares
 * them. A request claims its key with an insert (one claimant wins); its response is stored in
 * the same transaction as its write (ReleaseWriter's beforeCommit), so a response is remembered
 * exactly when the write happened. Only successful responses are kept: a refused request wrote
 * nothing, so its key is released and a retry runs again. Keys are forgotten after 24 hours.
 */
@Injectable()
export class IdempotencyStore {
  private readonly cleanUp = new Occasionally(60_000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Claims `key` for this request, or answers the stored response of an earlier identical one.
   * While the first request is in progress, waits up to `waitMs` for it, then gives up with
   * IdempotencyInProgressError. A key of another request is IdempotencyKeyReusedError.
   */
  async claim(
    tokenId: string,
    key: string,
    fingerprint: string,
    waitMs = IDEMPOTENCY_WAIT_MS,
  ): Promise<ClaimOutcome> {
    this.forgetExpired();
    const deadline = Date.now() + waitMs;
    for (;;) {
      const lease = randomUUID();
      // A new key, an expired one, or a claim abandoned by a dead instance: this request takes it.
      const claimed: unknown[] = await this.dataSource.query(
        `INSERT INTO idempotency_keys AS k (token_id, key, request_hash, status, lease, locked_at)
         VALUES ($1, $2, $3, 'in_progress', $4, now())
         ON CONFLICT (token_id, key) DO UPDATE
            SET request_hash = EXCLUDED.request_hash, status = 'in_progress', lease = EXCLUDED.lease,
                locked_at = now(), response_status = NULL, response_body = NULL, created_at = now()
          WHERE k.created_at < now() - ${KEY_LIFETIME}
             OR (k.status = 'in_progress' AND k.request_hash = EXCLUDED.request_hash
                 AND k.locked_at < now() - interval '${LEASE_SECONDS} seconds')
         RETURNING k.lease`,
        [tokenId, key, fingerprint, lease],
      );
      if (claimed.length === 1) return { kind: 'claimed', claim: { tokenId, key, lease } };
      const rows: {
        request_hash: string;
        status: string;
        response_status: number | null;
        response_body: object | null;
      }[] = await this.dataSource.query(
        `SELECT request_hash, status, response_status, response_body FROM idempotency_keys
            WHERE token_id = $1 AND key = $2`,
        [tokenId, key],
      );
      const stored = rows[0];
      if (!stored) continue; // released by a request that failed: try to claim it again
      if (stored.request_hash !== fingerprint) throw new IdempotencyKeyReusedError();
      if (stored.status === 'done') {
        return { kind: 'replay', response: { status: stored.response_status!, body: stored.response_body! } };
      }
      if (Date.now() >= deadline) throw new IdempotencyInProgressError();
      await sleep(POLL_MS);
    }
  }

  /**
   * Stores the response, in the transaction of the request's write. If the claim was taken over
   * meanwhile, throws IdempotencyInProgressError, which rolls the write back: it runs once.
   */
  async complete(db: EntityManager, claim: IdempotencyClaim, response: StoredResponse): Promise<void> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, updated]: [unknown[], number] = await db.query(
      `UPDATE idempotency_keys
          SET status = 'done', lease = NULL, locked_at = NULL, response_status = $4, response_body = $5::jsonb
        WHERE token_id = $1 AND key = $2 AND lease = $3`,
      [claim.tokenId, claim.key, claim.lease, response.status, JSON.stringify(response.body)],
    );
    if (updated !== 1) throw new IdempotencyInProgressError();
  }

  /** Gives the key up after a request that wrote nothing, so a retry runs again. */
  async release(claim: IdempotencyClaim): Promise<void> {
    await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE token_id = $1 AND key = $2 AND lease = $3',
      [claim.tokenId, claim.key, claim.lease],
    );
  }

  private forgetExpired(): void {
    if (!this.cleanUp.due()) return;
    this.dataSource
      .query(`DELETE FROM idempotency_keys WHERE created_at < now() - ${KEY_LIFETIME}`)
      .catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not delete expired idempotency keys'),
      );
  }
}
