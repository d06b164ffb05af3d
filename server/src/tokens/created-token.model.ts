import { Field, ObjectType } from '@nestjs/graphql';
import { TokenModel } from './token.model.js';

@ObjectType('CreatedToken')
export class CreatedTokenModel {
  @Field(() => TokenModel)
  token!: TokenModel;

  @Field({
    description: 'The whole token. Shown this once: only a hash is stored, it cannot be read again.',
  })
  secret!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Pipeline tokens made with requireSignature: the HMAC key for X-Flagstaff-Signature. Shown this once.',
  })
  signingSecret?: string | null;
}
