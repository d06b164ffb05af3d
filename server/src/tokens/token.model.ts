import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { AdminRole, TokenKind } from '../auth/token-secret.js';
import { TokenKindEnum, TokenRoleEnum } from './token-enums.js';

@ObjectType('Token', { description: 'An admin token, SDK key or pipeline token. Never its secret.' })
export class TokenModel {
  @Field(() => ID)
  id!: string;

  @Field(() => TokenKindEnum)
  kind!: TokenKind;

  @Field()
  name!: string;

  @Field({ description: 'The first characters of the secret, to recognise it (e.g. in logs).' })
  prefix!: string;

  @Field(() => TokenRoleEnum, { nullable: true, description: 'Admin tokens only.' })
  role!: AdminRole | null;

  @Field(() => String, { nullable: true, description: 'Key of the environment of an SDK key.' })
  environment!: string | null;

  @Field(() => String, { nullable: true, description: 'Who created it: a token name and prefix.' })
  createdBy!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When last used, to within a minute; a hint for cleaning up.',
  })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Set once revoked: it is refused from then on.' })
  revokedAt!: Date | null;
}
