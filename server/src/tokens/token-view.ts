import type { TokenEntity } from '../auth/token.entity.js';
import type { TokenModel } from './token.model.js';

/** What GraphQL shows of a token: everything but its hash. */
export function tokenView(t: TokenEntity, environmentKey: string | null): TokenModel {
  return {
    id: t.id,
    kind: t.kind,
    name: t.name,
    prefix: t.prefix,
    role: t.role,
    environment: environmentKey,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt,
  };
}

/** What a revision records of a token: never the secret or its hash. */
export function tokenRecord(t: TokenEntity, environmentKey: string | null) {
  return {
    kind: t.kind,
    name: t.name,
    prefix: t.prefix,
    role: t.role,
    environment: environmentKey,
    revoked: t.revokedAt !== null,
  };
}
