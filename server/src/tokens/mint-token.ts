import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { TokenEntity } from '../auth/token.entity.js';
import { issueToken, type AdminRole, type TokenKind } from '../auth/token-secret.js';

export interface TokenSpec {
  readonly kind: TokenKind;
  readonly name: string;
  /** Admin tokens only. */
  readonly role: AdminRole | null;
  /** Null only for an instance-wide owner token. */
  readonly projectId: string | null;
  /** SDK keys only. */
  readonly environmentId: string | null;
  readonly createdBy: string;
}

export interface MintedToken {
  readonly token: TokenEntity;
  /** The whole token, to be shown once: only its hash is stored. */
  readonly secret: string;
}

/** Issues a new random token and stores its hash; the GraphQL API and the token CLI both use it. */
export async function mintToken(db: EntityManager, spec: TokenSpec): Promise<MintedToken> {
  const issued = issueToken(spec.kind);
  const id = randomUUID();
  await db.insert(TokenEntity, {
    id,
    kind: spec.kind,
    name: spec.name,
    prefix: issued.prefix,
    secretHash: issued.hash,
    role: spec.role,
    projectId: spec.projectId,
    environmentId: spec.environmentId,
    createdBy: spec.createdBy,
  });
  return { token: await db.findOneByOrFail(TokenEntity, { id }), secret: issued.secret };
}
