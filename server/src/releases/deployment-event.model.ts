import { Field, ObjectType } from '@nestjs/graphql';
import type { DeploymentStatus } from '../bus/release-event.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { DeploymentStatusEnum } from './release-enums.js';

@ObjectType('DeploymentEvent', { description: 'A status a deployment reached, with what the pipeline said.' })
export class DeploymentEventModel {
  @Field(() => DeploymentStatusEnum)
  status!: DeploymentStatus;

  @Field(() => JsonScalar, { nullable: true })
  details!: object | null;

  @Field()
  actor!: string;

  @Field()
  createdAt!: Date;
}
