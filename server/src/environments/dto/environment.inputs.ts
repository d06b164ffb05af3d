import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateEnvironmentInput {
  @Field({ description: 'Lower-case letters, digits, - and _; cannot change later.' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: '#rrggbb' })
  color?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Changes need the owner role and a reason.' })
  protected?: boolean | null;
}

@InputType()
export class UpdateEnvironmentInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  color?: string | null;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;

  @Field(() => Boolean, { nullable: true })
  protected?: boolean | null;
}
