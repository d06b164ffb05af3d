import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ReleaseStageEnum } from './release-enums.js';
import { RELEASE_STAGES, type ReleaseStage } from './release-stage.js';

@ObjectType('ReleasePromotion', {
  description: 'One step of a release: who moved it, from where to where, and why.',
})
export class ReleasePromotionModel {
  @Field(() => ReleaseStageEnum, {
    nullable: true,
    description: 'Null for the step that created the release.',
  })
  @ApiProperty({
    enum: RELEASE_STAGES,
    nullable: true,
    description: 'Null for the step that created the release.',
  })
  fromStage!: ReleaseStage | null;

  @Field(() => ReleaseStageEnum)
  @ApiProperty({ enum: RELEASE_STAGES })
  toStage!: ReleaseStage;

  @Field()
  @ApiProperty()
  actor!: string;

  @Field(() => String, { nullable: true })
  @ApiProperty({ type: String, nullable: true })
  notes!: string | null;

  @Field()
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

@ObjectType('Release', { description: 'An artifact promoted through stages, forward only.' })
export class ReleaseModel {
  @Field(() => ID)
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Field()
  @ApiProperty({ example: 'checkout' })
  application!: string;

  @Field()
  @ApiProperty({ example: '2.3.0' })
  version!: string;

  @Field(() => ReleaseStageEnum)
  @ApiProperty({ enum: RELEASE_STAGES })
  stage!: ReleaseStage;

  @Field()
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;

  @Field(() => [ReleasePromotionModel], { description: 'Oldest first; the first one created the release.' })
  @ApiProperty({ type: [ReleasePromotionModel] })
  promotions!: ReleasePromotionModel[];
}
