import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../storage/bigint-number.js';
import type { TransitionCause, TransitionKind } from './rollout-plan-machine.js';
import type { RolloutPlanStatus } from './rollout-plan-status.js';

/** One thing a rollout plan did: its history. */
@Entity('rollout_plan_events')
export class RolloutPlanEventEntity {
  @PrimaryColumn('bigint', { transformer: bigintNumber, generated: 'identity' })
  id!: number;

  @Column('uuid', { name: 'plan_id' })
  planId!: string;

  @Column('text')
  kind!: TransitionKind;

  @Column('text')
  cause!: TransitionCause;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: RolloutPlanStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: RolloutPlanStatus;

  @Column('integer')
  step!: number;

  @Column('integer')
  weight!: number;

  /** The person, or `rollout-plan:<id>` when the plan acted on its own. */
  @Column('text')
  actor!: string;

  @Column('text')
  message!: string;

  /** By the scheduler's clock. */
  @Column('timestamptz')
  at!: Date;
}
