import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeploymentStatus } from '../bus/release-event.js';
import { bigintNumber } from '../storage/bigint-number.js';

/** A deployment's timeline: one row per status it reached. */
@Entity('deployment_events')
export class DeploymentEventEntity {
  @PrimaryColumn('bigint', { transformer: bigintNumber, generated: 'identity' })
  id!: number;

  @Column('uuid', { name: 'deployment_id' })
  deploymentId!: string;

  @Column('text')
  status!: DeploymentStatus;

  @Column('jsonb', { nullable: true })
  details!: object | null;

  @Column('text')
  actor!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}
