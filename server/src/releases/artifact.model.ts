import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { Connection } from '../graphql/connection.js';

// Decorated for both edges: GraphQL (@Field) and the hooks' OpenAPI document (@ApiProperty).
@ObjectType('Artifact', { description: 'One build of an application. It never changes once recorded.' })
export class ArtifactModel {
  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field({ description: 'Key of the application.' })
  @ApiProperty({ description: 'Key of the application.', example: 'checkout' })
  application!: string;

  @Field({ description: 'A semantic version.' })
  @ApiProperty({ example: '2.3.0' })
  version!: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: '9fceb02d0ae598e95dc970b74767f19372d61af8' })
  commit!: string | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, example: 'sha256:' + 'a'.repeat(64) })
  imageDigest!: string | null;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true, format: 'uri' })
  buildUrl!: string | null;

  @Field()
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @Field({ description: 'The pipeline token that recorded it: its name and prefix.' })
  @ApiProperty({ description: 'The pipeline token that recorded it: its name and prefix.' })
  createdBy!: string;
}

@ObjectType()
export class ArtifactConnection extends Connection(ArtifactModel) {}
