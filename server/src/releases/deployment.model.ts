import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { DeploymentStatus } from '../bus/release-event.js';
import { Connection } from '../graphql/connection.js';
import { DEPLOYMENT_STATUSES } from './deployment-status.js';
import { STRATEGY_SCHEMAS } from './deployment-strategy.schemas.js';
import type { DeploymentStrategy } from './deployment-strategy.js';
import { DeploymentStatusEnum } from './release-enums.js';

@ObjectType('DeploymentStrategy', {
  description: 'rolling (maxSurge, maxUnavailable), blue-green, or canary (steps).',
})
export class DeploymentStrategyModel {
  @Field({ description: 'rolling, blue-green or canary' })
  type!: string;

  @Field(() => String, { nullable: true, description: 'Rolling: instances or a percentage, e.g. "25%".' })
  maxSurge?: string;

  @Field(() => String, { nullable: true, description: 'Rolling: instances or a percentage, e.g. "25%".' })
  maxUnavailable?: string;

  @Field(() => [Int], { nullable: true, description: 'Canary: traffic weights in percent.' })
  steps?: number[];
}

// Decorated for both edges: GraphQL (@Field) and the hooks' OpenAPI document (@ApiProperty).
@ObjectType('Deployment', { description: 'An artifact going into an environment, and how that went.' })
export class DeploymentModel {
  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field({ description: 'Key of the application.' })
  @ApiProperty({ example: 'checkout' })
  application!: string;

  @Field({ description: 'Key of the environment.' })
  @ApiProperty({ example: 'production' })
  environment!: string;

  @Field()
  @ApiProperty({ example: '2.3.0' })
  version!: string;

  @Field(() => DeploymentStrategyModel)
  @ApiProperty({ oneOf: STRATEGY_SCHEMAS.map((s) => ({ $ref: getSchemaPath(s) })) })
  strategy!: DeploymentStrategy;

  @Field(() => DeploymentStatusEnum)
  @ApiProperty({ enum: DEPLOYMENT_STATUSES })
  status!: DeploymentStatus;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, format: 'uri' })
  pipelineRunUrl!: string | null;

  @Field()
  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it succeeded or failed.' })
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it succeeded or failed.',
  })
  finishedAt!: Date | null;

  @Field()
  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: Date;

  @Field({ description: 'Who started it: a pipeline token name and prefix.' })
  @ApiProperty({ description: 'Who started it: a pipeline token name and prefix.' })
  actor!: string;
}

@ObjectType()
export class DeploymentConnection extends Connection(DeploymentModel) {}
