import type { FlagKind, JsonValue } from '@flagstaff/sdk-core';
import { Field, InputType } from '@nestjs/graphql';
import { JsonScalar } from '../../graphql/json.scalar.js';
import { FlagKindEnum } from '../flag-kind.enum.js';

@InputType()
export class VariationInput {
  @Field({ description: 'Letters, digits, ., - and _; what targets, rules and rollouts refer to.' })
  key!: string;

  @Field(() => JsonScalar, { nullable: true, description: 'A value of the flag kind.' })
  value?: JsonValue | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class CreateFlagInput {
  @Field({ description: 'Letters, digits, ., - and _ (at most 256); cannot change later.' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => FlagKindEnum, { description: 'Cannot change later.' })
  kind!: FlagKind;

  @Field(() => [VariationInput], {
    nullable: true,
    description: 'Required unless the kind is boolean; boolean flags default to on (true) and off (false).',
  })
  variations?: VariationInput[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Variation served while the flag is disabled, in every environment. Required unless the kind is boolean (then the variation whose value is false).',
  })
  offVariation?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Variation served once the flag is enabled, in every environment; defaults to the variation whose value is true for boolean flags, else the first.',
  })
  fallthroughVariation?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Each 1 to 64 characters, at most 50; stored lower-case.',
  })
  tags?: string[] | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to true (a release flag).' })
  temporary?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Defaults to false.' })
  clientSide?: boolean | null;

  @Field(() => JsonScalar, { nullable: true, description: 'An object of strings, numbers and booleans.' })
  metadata?: unknown;
}

/** Fields left out (or null) stay as they are. */
@InputType()
export class UpdateFlagInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  description?: string | null;

  @Field(() => [VariationInput], {
    nullable: true,
    description: 'The whole list; a variation still used by a configuration or prerequisite cannot go.',
  })
  variations?: VariationInput[] | null;

  @Field(() => [String], { nullable: true, description: 'The whole list.' })
  tags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string clears it.' })
  owner?: string | null;

  @Field(() => Boolean, { nullable: true })
  temporary?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  clientSide?: boolean | null;

  @Field(() => JsonScalar, { nullable: true, description: 'The whole object.' })
  metadata?: unknown;
}
