import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../storage/bigint-number.js';
import type { ReleaseStage } from './release-stage.js';

/** One step of a release's history; the first has no `fromStage` (the release was created). */
@Entity('release_promotions')
export class ReleasePromotionEntity {
  @PrimaryColumn('bigint', { transformer: bigintNumber, generated: 'identity' })
  id!: number;

  @Column('uuid', { name: 'release_id' })
  releaseId!: string;

  @Column('text', { name: 'from_stage', nullable: true })
  fromStage!: ReleaseStage | null;

  @Column('text', { name: 'to_stage' })
  toStage!: ReleaseStage;

  @Column('text')
  actor!: string;

  @Column('text', { nullable: true })
  notes!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
