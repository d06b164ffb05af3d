import type { ConfigType, JsonValue } from '@flagstaff/sdk-core';
import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { GraphQLConfigType } from './graphql-config-type.js';

@ObjectType('ConfigEntry', { description: 'A typed configuration value of one environment, or a secret.' })
export class ConfigEntryModel {
  @Field()
  key!: string;

  @Field(() => GraphQLConfigType, { description: 'A secret is always STRING.' })
  type!: ConfigType;

  @Field(() => JsonScalar, {
    nullable: true,
    description: 'The value; null for a secret, whose plaintext is never returned.',
  })
  value!: JsonValue | null;

  @Field({ description: 'Encrypted at rest, delivered to server SDK keys only.' })
  secret!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'A fixed mask for a secret (it tells nothing of the value); null otherwise.',
  })
  maskedValue!: string | null;

  @Field()
  description!: string;

  @Field({ description: 'Delivered to client SDK keys too; never for secrets.' })
  clientSide!: boolean;

  @Field(() => Int, { description: 'Bumped by every change; edits pass it as expectedVersion.' })
  version!: number;

  @Field()
  updatedAt!: Date;
}
