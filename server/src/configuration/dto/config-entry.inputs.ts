import type { ConfigType, JsonValue } from '@flagstaff/sdk-core';
import { Field, InputType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json.scalar.js';
import { GraphQLConfigType } from '../graphql-config-type.js';

@InputType()
export class ConfigEntryInput {
  @Field({ description: 'Letters, digits, ., - and _.' })
  key!: string;

  @Field(() => GraphQLConfigType)
  type!: ConfigType;

  @Field(() => JsonScalar, {
    nullable: true,
    description:
      'Must match the type (a finite number for NUMBER; any JSON for JSON); at most 64 KiB as JSON.',
  })
  value?: JsonValue | null;

  @Field(() => String, { nullable: true, description: 'Left out: kept (empty for a new entry).' })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Left out: kept (false for a new entry).' })
  clientSide?: boolean | null;
}

@InputType()
export class SecretInput {
  @Field({ description: 'Letters, digits, ., - and _.' })
  key!: string;

  @Field({ description: 'The plaintext, at most 64 KiB; encrypted before it is stored, never returned.' })
  value!: string;

  @Field(() => String, { nullable: true, description: 'Left out: kept (empty for a new secret).' })
  description?: string | null;
}
