import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FailureAction, RolloutPlanStatus, RolloutStep } from './rollout-plan-status.js';

/** A flag in an environment ramped through steps once its application's deployment succeeded there. */
@Entity('rollout_plans')
export class RolloutPlanEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'project_id' })
  projectId!: string;

  @Column('uuid', { name: 'environment_id' })
  environmentId!: string;

  @Column('uuid', { name: 'flag_id' })
  flagId!: string;

  @Column('uuid', { name: 'application_id' })
  applicationId!: string;

  /** The first version that carries the feature (semver). */
  @Column('text', { name: 'min_version' })
  minVersion!: string;

  @Column('text', { name: 'on_variation' })
  onVariation!: string;

  @Column('text', { name: 'off_variation' })
  offVariation!: string;

  @Column('jsonb')
  steps!: RolloutStep[];

  @Column('text', { name: 'on_failure' })
  onFailure!: FailureAction;

  @Column('text')
  status!: RolloutPlanStatus;

  /** Why it waits, awaits, is paused, rolled back or cancelled, for people. */
  @Column('text', { name: 'status_reason', nullable: true })
  statusReason!: string | null;

  /** How many steps it has entered (0: none yet, or none since a rollback). */
  @Column('integer')
  step!: number;

  /** What it serves the "on" variation now, in units of 0.001 %. */
  @Column('integer')
  weight!: number;

  /** When the current step (or the wait for its approval) began, by the scheduler's clock. */
  @Column('timestamptz', { name: 'step_started_at', nullable: true })
  stepStartedAt!: Date | null;

  /** When the current step's bake ends, by the scheduler's clock; null when no time is awaited. */
  @Column('timestamptz', { name: 'next_action_at', nullable: true })
  nextActionAt!: Date | null;

  /** Health breaches recorded after this (the database's clock) stop the plan. */
  @Column('timestamptz', { name: 'watch_since', nullable: true })
  watchSince!: Date | null;

  /** The succeeded deployment the ramp follows; its failure or rollback stops the plan. */
  @Column('uuid', { name: 'deployment_id', nullable: true })
  deploymentId!: string | null;

  /** The flag configuration's version as the plan last wrote or adopted it; another means a person edited it. */
  @Column('integer', { name: 'flag_config_version' })
  flagConfigVersion!: number;

  @Column('text', { name: 'created_by' })
  createdBy!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
