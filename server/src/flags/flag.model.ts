import type { FlagKind, JsonValue } from '@flagstaff/sdk-core';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import type { FlagConfigLoader } from './flag-config-loader.js';
import { FlagKindEnum } from './flag-kind.enum.js';

@ObjectType('Variation')
export class VariationModel {
  @Field({
    description: 'Referenced by targets, rules, rollouts and prerequisites; reported as the variant.',
  })
  key!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'A value of the flag kind.' })
  value!: JsonValue;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => String, { nullable: true })
  description!: string | null;
}

@ObjectType('Flag', { description: 'A flag of a project; `configs` says what it does in each environment.' })
export class FlagModel {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => FlagKindEnum)
  kind!: FlagKind;

  @Field(() => [VariationModel])
  variations!: VariationModel[];

  @Field(() => [String], { description: 'Trimmed and lower-case.' })
  tags!: string[];

  @Field(() => String, { nullable: true, description: 'Who to ask about the flag: a person or a team.' })
  owner!: string | null;

  @Field({ description: 'Expected to be removed once released; false for permanent flags (kill switches…).' })
  temporary!: boolean;

  @Field({ description: 'Served to client-side SDK keys (browsers).' })
  clientSide!: boolean;

  @Field(() => JsonScalar, {
    description: 'Key/value metadata (strings, numbers, booleans) reported with every evaluation.',
  })
  metadata!: Record<string, string | number | boolean>;

  @Field(() => Int, { description: 'Bumped by every change of the definition (not of its configurations).' })
  version!: number;

  @Field()
  archived!: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Not a GraphQL field: loads `configs` for every flag of the answer at once. */
  configLoader!: FlagConfigLoader;
}

@ObjectType()
export class FlagConnection extends Connection(FlagModel) {}
