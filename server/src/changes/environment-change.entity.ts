import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../storage/bigint-number.js';

/** What a version of an environment changed: the feed SDK delivery computes patches from. */
@Entity('environment_changes')
export class EnvironmentChangeEntity {
  @PrimaryColumn('uuid', { name: 'environment_id' })
  environmentId!: string;

  @PrimaryColumn('bigint', { transformer: bigintNumber })
  version!: number;

  /** `flag`, `segment` or `config`: the kinds of things a snapshot holds. */
  @PrimaryColumn('text', { name: 'entity_type' })
  entityType!: 'flag' | 'segment' | 'config';

  @PrimaryColumn('text', { name: 'entity_key' })
  entityKey!: string;

  @Column('bigint', { name: 'revision_id', transformer: bigintNumber })
  revisionId!: number;
}
