import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The HMAC key of a pipeline token that requires signed hook requests. Sealed with the server's
 * SecretBox rather than hashed: verifying a signature needs the key itself.
 */
@Entity('pipeline_signing_secrets')
export class PipelineSigningSecretEntity {
  @PrimaryColumn('uuid', { name: 'token_id' })
  tokenId!: string;

  @Column('bytea')
  ciphertext!: Buffer;

  /** Which FLAGSTAFF_SECRET_KEY sealed it (SecretBox.keyId). */
  @Column('text', { name: 'key_id' })
  keyId!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
