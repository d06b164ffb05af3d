import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Application', {
  description:
    'What a project builds and deploys. Made by the first artifact a pipeline records, or by createApplication.',
})
export class ApplicationModel {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Lower-case letters, digits, - and _: what pipelines name it by.' })
  key!: string;

  @Field()
  name!: string;

  @Field()
  createdAt!: Date;
}
