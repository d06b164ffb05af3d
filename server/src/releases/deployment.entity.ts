import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeploymentStatus } from '../bus/release-event.js';
import type { DeploymentStrategy } from './deployment-strategy.js';

/** An artifact going into an environment, and how that went. */
@Entity('deployments')
export class DeploymentEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('uuid', { name: 'environment_id' })
  environmentId!: string;

  @Column('uuid', { name: 'artifact_id' })
  artifactId!: string;

  /** The artifact's version, kept here so timelines and "≥ V" checks need no join. */
  @Column('text')
  version!: string;

  @Column('jsonb')
  strategy!: DeploymentStrategy;

  @Column('text')
  status!: DeploymentStatus;

  @Column('text', { name: 'pipeline_run_url', nullable: true })
  pipelineRunUrl!: string | null;

  @Column('timestamptz', { name: 'started_at', default: () => 'now()' })
  startedAt!: Date;

  /** When it succeeded or failed. */
  @Column('timestamptz', { name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  /** Who started it: a pipeline token's name and prefix. */
  @Column('text')
  actor!: string;
}
