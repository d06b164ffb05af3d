import { Field, InputType } from '@nestjs/graphql';

@InputType()
export class CreateApplicationInput {
  @Field({
    description: 'Lower-case letters, digits, - and _; what pipelines name it by. Cannot change later.',
  })
  key!: string;

  @Field({ description: '1 to 200 characters.' })
  name!: string;
}
