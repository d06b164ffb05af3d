import { createHash, randomBytes } from 'node:crypto';

export type TokenKind = 'admin' | 'server' | 'client' | 'pipeline';
export type AdminRole = 'viewer' | 'editor' | 'owner';

const KIND_TAG: Record<TokenKind, string> = {
  admin: 'fsa',
  server: 'fss',
  client: 'fsc',
  pipeline: 'fsp',
};

/** Characters of a token kept in the database for recognition (tag, underscore, 8 random chars). */
const PREFIX_LENGTH = 12;

export interface IssuedToken {
  /** The whole token: shown once, never stored. */
  readonly secret: string;
  readonly prefix: string;
  readonly hash: string;
}

/**
 * A new random token: 256 bits from the CSPRNG behind a tag naming its kind, so a leaked token
 * is recognisable in logs and secret scanners.
 */
export function issueToken(kind: TokenKind): IssuedToken {
  const secret = `${KIND_TAG[kind]}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix: secret.slice(0, PREFIX_LENGTH), hash: hashToken(secret) };
}

/**
 * SHA-256 of the token. The tokens carry 256 random bits, so a slow password hash would add
 * nothing but latency to every request; an exact-match lookup by hash is enough.
 */
export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
