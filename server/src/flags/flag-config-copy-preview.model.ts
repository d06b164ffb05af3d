import { Field, Int, ObjectType } from '@nestjs/graphql';
import { JsonChangeModel } from '../revisions/revision.model.js';

@ObjectType('FlagConfigCopyPreview', {
  description: 'What copying a flag configuration would change in the target environment.',
})
export class FlagConfigCopyPreviewModel {
  @Field(() => [JsonChangeModel], {
    description: 'From the target configuration to the source one; empty when equal.',
  })
  diff!: JsonChangeModel[];

  @Field(() => Int, { description: 'Pass as expectedVersion to copyFlagConfig.' })
  targetVersion!: number;

  @Field(() => Int, { description: 'The version of the source configuration the diff was made from.' })
  sourceVersion!: number;
}
