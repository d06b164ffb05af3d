import type { SegmentRule } from '@flagstaff/sdk-core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A reusable audience of a project, shared by every environment's flags. */
@Entity('segments')
export class SegmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text')
  key!: string;

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  /** Sorted and unique; a text[] is stored compressed out of line, so 100,000 keys stay compact. */
  @Column('text', { array: true })
  included!: string[];

  @Column('text', { array: true })
  excluded!: string[];

  @Column('jsonb')
  rules!: SegmentRule[];

  @Column('text', { nullable: true })
  salt!: string | null;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
