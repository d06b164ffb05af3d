import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Environment')
export class EnvironmentModel {
  @Field(() => ID)
  id!: string;

  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field({ description: 'Hex colour shown in the console, e.g. #ef4444' })
  color!: string;

  @Field(() => Int)
  sortOrder!: number;

  @Field({ description: 'Changes need the owner role and a reason.' })
  protected!: boolean;

  @Field(() => Int, { description: 'Bumped by every change SDKs see; the snapshot version.' })
  version!: number;

  @Field()
  archived!: boolean;
}
