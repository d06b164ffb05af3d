import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import type { Actor } from './actor.js';
import { hashToken } from './token-secret.js';
import { TokenEntity } from './token.entity.js';

/** `last_used_at` is a hint for people cleaning up tokens; writing it once a minute is plenty. */
const LAST_USED_EVERY_MS = 60_000;

/** Resolves `Authorization: Bearer fsa_…` to an Actor; any failure is the same UNAUTHENTICATED. */
@Injectable()
export class AdminAuthenticator {
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const secret = bearer(authorization);
    if (secret === undefined || !secret.startsWith('fsa_')) throw new UnauthenticatedError();
    const token = await this.dataSource.getRepository(TokenEntity).findOneBy({
      secretHash: hashToken(secret),
      kind: 'admin',
      revokedAt: IsNull(),
    });
    if (!token || token.role === null) throw new UnauthenticatedError();
    this.noteUse(token.id);
    return {
      tokenId: token.id,
      role: token.role,
      projectId: token.projectId,
      label: `${token.name} (${token.prefix})`,
    };
  }

  private noteUse(tokenId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(tokenId) ?? 0) < LAST_USED_EVERY_MS) return;
    this.lastUsedWritten.set(tokenId, now);
    this.dataSource
      .getRepository(TokenEntity)
      .update({ id: tokenId }, { lastUsedAt: new Date(now) })
      .catch(() => this.lastUsedWritten.delete(tokenId));
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
