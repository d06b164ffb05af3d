import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReleaseStage } from './release-stage.js';

/** An artifact on its way to stable; at most one per artifact. */
@Entity('releases')
export class ReleaseEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'artifact_id' })
  artifactId!: string;

  @Column('text')
  stage!: ReleaseStage;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
