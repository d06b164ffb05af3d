import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One build of an application. Never changes once recorded. */
@Entity('artifacts')
export class ArtifactEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  /** A semantic version, as the pipeline wrote it. */
  @Column('text')
  version!: string;

  @Column('text', { name: 'commit_sha', nullable: true })
  commitSha!: string | null;

  @Column('text', { name: 'image_digest', nullable: true })
  imageDigest!: string | null;

  @Column('text', { name: 'build_url', nullable: true })
  buildUrl!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('text', { name: 'created_by' })
  createdBy!: string;
}
