import { registerEnumType } from '@nestjs/graphql';
import type { AdminRole, TokenKind } from '../auth/token-secret.js';

/** The kinds of an SDK key: server keys read everything, client keys only what browsers may. */
export type SdkKeyKind = Extract<TokenKind, 'server' | 'client'>;

// GraphQL enums name their values in capitals; the database and the code use the lower-case words.
export const TokenKindEnum = {
  ADMIN: 'admin',
  SERVER: 'server',
  CLIENT: 'client',
  PIPELINE: 'pipeline',
} as const satisfies Record<string, TokenKind>;

export const TokenRoleEnum = {
  VIEWER: 'viewer',
  EDITOR: 'editor',
  OWNER: 'owner',
} as const satisfies Record<string, AdminRole>;

export const SdkKeyKindEnum = {
  SERVER: 'server',
  CLIENT: 'client',
} as const satisfies Record<string, SdkKeyKind>;

registerEnumType(TokenKindEnum, {
  name: 'TokenKind',
  description:
    'admin (GraphQL, with a role), server or client (SDK keys of one environment), pipeline (release hooks)',
});
registerEnumType(TokenRoleEnum, {
  name: 'TokenRole',
  description:
    'viewer reads everything; editor also changes flags, segments and configuration; owner also manages environments and tokens',
});
registerEnumType(SdkKeyKindEnum, {
  name: 'SdkKeyKind',
  description:
    'SERVER keys get everything of their environment, secrets included; CLIENT keys only client-side flags and configuration, and may be used in browsers',
});
