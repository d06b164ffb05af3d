import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { HealthStatus } from '../bus/release-event.js';
import { Connection } from '../graphql/connection.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { HealthStatusEnum } from './release-enums.js';

// Decorated for both edges: GraphQL (@Field) and the hooks' OpenAPI document (@ApiProperty).
@ObjectType('HealthSignal', { description: "A report of an application's health in an environment." })
export class HealthSignalModel {
  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field()
  @ApiProperty({ example: 'checkout' })
  application!: string;

  @Field()
  @ApiProperty({ example: 'production' })
  environment!: string;

  @Field(() => HealthStatusEnum)
  @ApiProperty({ enum: ['ok', 'breach'] })
  status!: HealthStatus;

  @Field({ description: 'What reported it, e.g. prometheus/HighErrorRate.' })
  @ApiProperty({ example: 'prometheus/HighErrorRate' })
  source!: string;

  @Field(() => JsonScalar, { nullable: true })
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true })
  details!: object | null;

  @Field()
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @Field()
  @ApiProperty()
  actor!: string;
}

@ObjectType()
export class HealthSignalConnection extends Connection(HealthSignalModel) {}
