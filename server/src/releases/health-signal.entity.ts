import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HealthStatus } from '../bus/release-event.js';

/** An application's health in an environment, as a pipeline, an alert or a script reported it. */
@Entity('health_signals')
export class HealthSignalEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  @Column('uuid', { name: 'environment_id' })
  environmentId!: string;

  @Column('text')
  status!: HealthStatus;

  /** What reported it, e.g. "prometheus/HighErrorRate". */
  @Column('text')
  source!: string;

  @Column('jsonb', { nullable: true })
  details!: object | null;

  /** The database's clock. */
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('text')
  actor!: string;
}
