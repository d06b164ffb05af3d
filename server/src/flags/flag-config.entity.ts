import type { Prerequisite, Rule, Serve, Target } from '@flagstaff/sdk-core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What one flag does in one environment. */
@Entity('flag_configs')
export class FlagConfigEntity {
  @PrimaryColumn('uuid', { name: 'flag_id' })
  flagId!: string;

  @PrimaryColumn('uuid', { name: 'environment_id' })
  environmentId!: string;

  @Column('boolean')
  enabled!: boolean;

  @Column('text', { name: 'off_variation', nullable: true })
  offVariation!: string | null;

  @Column('jsonb')
  targets!: Target[];

  @Column('jsonb')
  rules!: Rule[];

  @Column('jsonb')
  fallthrough!: Serve;

  @Column('jsonb')
  prerequisites!: Prerequisite[];

  @Column('text', { nullable: true })
  salt!: string | null;

  /** Bumped by every change of this configuration; edits name the version they were based on. */
  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
