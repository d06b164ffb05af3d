import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../storage/bigint-number.js';

@Entity('environments')
export class EnvironmentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('text')
  key!: string;

  @Column('text')
  name!: string;

  @Column('text')
  color!: string;

  @Column('integer', { name: 'sort_order' })
  sortOrder!: number;

  @Column('boolean')
  protected!: boolean;

  /** Bumped by every write to the environment; SDKs and editors compare against it. */
  @Column('bigint', { transformer: bigintNumber })
  version!: number;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
