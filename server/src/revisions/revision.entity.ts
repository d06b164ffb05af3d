import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../storage/bigint-number.js';

export type RevisionEntityType =
  'project' | 'environment' | 'flag' | 'flagConfig' | 'segment' | 'config' | 'token';
export type RevisionAction =
  'create' | 'update' | 'archive' | 'unarchive' | 'delete' | 'restore' | 'copy' | 'revoke';

/** One recorded change: what an entity was before and after, who changed it and why. */
@Entity('revisions')
export class RevisionEntity {
  @PrimaryColumn('bigint', { transformer: bigintNumber, generated: 'identity' })
  id!: number;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  /** Null for project-wide entities (flag definitions, segments). */
  @Column('uuid', { name: 'environment_id', nullable: true })
  environmentId!: string | null;

  @Column('text', { name: 'entity_type' })
  entityType!: RevisionEntityType;

  @Column('text', { name: 'entity_key' })
  entityKey!: string;

  @Column('text')
  action!: RevisionAction;

  @Column('jsonb', { nullable: true })
  before!: object | null;

  @Column('jsonb', { nullable: true })
  after!: object | null;

  @Column('text')
  actor!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
