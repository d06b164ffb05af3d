import type { ConfigType, JsonValue } from '@flagstaff/sdk-core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A typed configuration value of one environment; a secret keeps only its ciphertext. */
@Entity('config_entries')
export class ConfigEntryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'environment_id' })
  environmentId!: string;

  @Column('text')
  key!: string;

  @Column('text')
  type!: ConfigType;

  @Column('text')
  description!: string;

  /** The plain value; null for secrets. */
  @Column('jsonb', { nullable: true })
  value!: JsonValue | null;

  @Column('boolean')
  secret!: boolean;

  /** AES-256-GCM: nonce, ciphertext and tag (see SecretBox). */
  @Column('bytea', { nullable: true })
  ciphertext!: Buffer | null;

  /** Which key encrypted the secret, so a wrong FLAGSTAFF_SECRET_KEY is named instead of guessed. */
  @Column('text', { name: 'key_id', nullable: true })
  keyId!: string | null;

  /** Delivered to client SDK keys; secrets never are. */
  @Column('boolean', { name: 'client_side' })
  clientSide!: boolean;

  @Column('integer')
  version!: number;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
