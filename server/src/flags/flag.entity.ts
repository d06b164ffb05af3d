import type { FlagKind, Variation } from '@flagstaff/sdk-core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A flag's project-wide definition; what it does in each environment is a `FlagConfigEntity`. */
@Entity('flags')
export class FlagEntity {
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

  @Column('text')
  kind!: FlagKind;

  @Column('jsonb')
  variations!: Variation[];

  @Column('text', { array: true })
  tags!: string[];

  @Column('text', { nullable: true })
  owner!: string | null;

  /** Temporary flags are expected to be removed once released; permanent ones are kill switches etc. */
  @Column('boolean')
  temporary!: boolean;

  @Column('boolean', { name: 'client_side' })
  clientSide!: boolean;

  @Column('jsonb')
  metadata!: Record<string, string | number | boolean>;

  /** Bumped by every change of the definition; edits name the version they were based on. */
  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
