import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AdminRole, TokenKind } from './token-secret.js';

@Entity('tokens')
export class TokenEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  kind!: TokenKind;

  @Column('text')
  name!: string;

  /** The first characters of the token, enough to recognise it in a list; never the secret. */
  @Column('text')
  prefix!: string;

  @Column('text', { name: 'secret_hash' })
  secretHash!: string;

  @Column('text', { nullable: true })
  role!: AdminRole | null;

  /** For admin tokens, null means every project (the first-run owner token). */
  @Column('uuid', { name: 'project_id', nullable: true })
  projectId!: string | null;

  @Column('uuid', { name: 'environment_id', nullable: true })
  environmentId!: string | null;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
