import type { DataSource } from 'typeorm';
import { TokenEntity } from './token.entity.js';

/** `last_used_at` is a hint for people cleaning up tokens; writing it once a minute is plenty. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * Records that tokens were used, at most once a minute per token and without waiting: a failed
 * write is forgotten, so the next use tries again.
 */
export class TokenUse {
  private readonly written = new Map<string, number>();

  constructor(private readonly dataSource: DataSource) {}

  note(tokenId: string, now = Date.now()): void {
    if (now - (this.written.get(tokenId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.written.set(tokenId, now);
    this.dataSource
      .getRepository(TokenEntity)
      .update({ id: tokenId }, { lastUsedAt: new Date(now) })
      .catch(() => this.written.delete(tokenId));
  }
}
