import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import type { Actor } from './actor.js';
import { hashToken } from './token-secret.js';
import { TokenEntity } from './token.entity.js';
import { TokenUse } from './token-use.js';

/** Resolves `Authorization: Bearer fsa_…` to an Actor; any failure is the same UNAUTHENTICATED. */
@Injectable()
export class AdminAuthenticator {
  private readonly uses: TokenUse;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.uses = new TokenUse(dataSource);
  }

  async authenticate(authorization: string | undefined): Promise<Actor> {
    const secret = bearer(authorization);
    if (secret === undefined || !secret.startsWith('fsa_')) throw new UnauthenticatedError();
    const token = await this.dataSource.getRepository(TokenEntity).findOneBy({
      secretHash: hashToken(secret),
      kind: 'admin',
      revokedAt: IsNull(),
    });
    if (!token || token.role === null) throw new UnauthenticatedError();
    this.uses.note(token.id);
    return {
      tokenId: token.id,
      role: token.role,
      projectId: token.projectId,
      label: `${token.name} (${token.prefix})`,
    };
  }
}

/** The token of an `Authorization: Bearer <token>` header, if that is what it holds. */
export function bearer(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}
