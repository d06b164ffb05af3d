import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection.js';
import { JsonScalar } from '../graphql/json.scalar.js';

@ObjectType('JsonChange', { description: 'One difference, at a JSON Pointer path.' })
export class JsonChangeModel {
  @Field()
  path!: string;

  @Field({ description: 'add, remove or replace' })
  op!: string;

  @Field(() => JsonScalar, { nullable: true })
  before?: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after?: unknown;
}

@ObjectType('Revision', { description: 'A recorded change: before, after, who and why.' })
export class RevisionModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'project, environment, flag, flagConfig, segment, config or token' })
  entityType!: string;

  @Field()
  entityKey!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Key of the environment; null for project-wide entities.',
  })
  environment!: string | null;

  @Field()
  action!: string;

  @Field(() => JsonScalar, { nullable: true })
  before!: unknown;

  @Field(() => JsonScalar, { nullable: true })
  after!: unknown;

  @Field(() => [JsonChangeModel])
  diff!: JsonChangeModel[];

  @Field()
  actor!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class RevisionConnection extends Connection(RevisionModel) {}
