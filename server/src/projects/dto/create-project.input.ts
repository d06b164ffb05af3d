import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class CreateProjectInput {
  @Field({ description: 'Lower-case letters, digits, - and _; cannot change later.' })
  key!: string;

  @Field()
  name!: string;
}
