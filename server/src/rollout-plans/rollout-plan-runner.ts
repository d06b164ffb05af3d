import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { METRICS } from '../app/injection-tokens.js';
import { systemActor, type Actor } from '../auth/actor.js';
import { ChangeWriter, type WriteTransaction } from '../changes/change-writer.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { Metrics } from '../metrics/metrics.js';
import { Clock } from './clock.js';
import { PlanFlagWriter } from './plan-flag-writer.js';
import { planActorLabel } from './rollout-plan-actor.js';
import { RolloutPlanBusyError } from './rollout-plan-busy-error.js';
import { RolloutPlanFacts } from './rollout-plan-facts.js';
import {
  decide,
  type PersonAction,
  type PlanState,
  type PlanTrigger,
  type Transition,
} from './rollout-plan-machine.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';
import { RolloutPlanRepository, type PlanLabels } from './rollout-plan.repository.js';

/** Looks before locking, then again under the locks; a plan that moved in between is looked at anew. */
const MAX_ATTEMPTS = 3;

const VERB: Readonly<Record<PlanTrigger['kind'], string>> = {
  check: 'advance',
  refused: 'pause',
  pause: 'pause',
  resume: 'resume',
  approve: 'approve',
  rollBack: 'roll back',
  complete: 'complete',
  cancel: 'cancel',
};

/**
 * Makes a plan's transitions happen, once. Each is one ChangeWriter transaction: the environment
 * row is locked first (by ChangeWriter), then the plan row; the state machine decides again on
 * what it reads under those locks, and only if that is what it decided before locking (which is
 * what the revision's reason says) are the plan, its history and the flag written, together.
 * Another instance that got there first leaves nothing to do, so a step happens once.
 */
@Injectable()
export class RolloutPlanRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: ChangeWriter,
    private readonly plans: RolloutPlanRepository,
    private readonly facts: RolloutPlanFacts,
    private readonly flagWriter: PlanFlagWriter,
    private readonly clock: Clock,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  /** Looks at a plan as the scheduler does; a flag write it can no longer make pauses it instead. */
  async check(planId: string): Promise<void> {
    try {
      await this.run(planId, { kind: 'check' });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      await this.run(planId, { kind: 'refused', problem: error.message });
    }
  }

  /** A person's action on a plan; its role was checked by the caller, protected environments here. */
  async act(
    planId: string,
    action: PersonAction,
    person: Actor,
    note?: string | null,
  ): Promise<RolloutPlanEntity> {
    const trimmed = note?.trim() || null;
    const plan = await this.run(planId, { kind: action, by: person.label, note: trimmed }, person);
    if (!plan) throw new RolloutPlanBusyError();
    return plan;
  }

  private async run(
    planId: string,
    trigger: PlanTrigger,
    person?: Actor,
  ): Promise<RolloutPlanEntity | undefined> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const now = this.clock.now();
      const db = this.dataSource.manager;
      const plan = await this.plans.find(db, planId);
      if (!plan) throw new NotFoundError(`rollout plan ${planId}`);
      const labels = (await this.plans.labels(db, [plan])).get(plan.id)!;
      const predicted = decide(planState(plan, labels), await this.facts.gather(plan, now, db), trigger);
      if (!predicted) return plan;
      const label = planActorLabel(plan.id);
      // A person acting in a protected environment gives a reason of their own, as for any change there.
      const noted = 'note' in trigger && Boolean(trigger.note);
      const reason = person && labels.environmentProtected && !noted ? null : predicted.message;
      const { value } = await this.writer.write(
        systemActor(plan.projectId, label, person),
        { projectId: plan.projectId, environmentId: plan.environmentId },
        {
          action: `${VERB[trigger.kind]} the rollout plan of flag ${labels.flag} in ${labels.environment}`,
          reason,
        },
        async (tx) => {
          const locked = await this.plans.lock(tx.manager, planId);
          const facts = await this.facts.gather(locked, now, tx.manager);
          const transition = decide(planState(locked, labels), facts, trigger);
          if (!transition || !sameTransition(transition, predicted)) return undefined;
          return this.apply(tx, locked, transition, now, person?.label ?? label);
        },
      );
      if (value) {
        this.metrics.rolloutPlanTransitions.inc({ kind: predicted.kind, cause: predicted.cause });
        return value;
      }
    }
    return undefined;
  }

  private async apply(
    tx: WriteTransaction,
    plan: RolloutPlanEntity,
    t: Transition,
    now: Date,
    actor: string,
  ): Promise<RolloutPlanEntity> {
    const flagConfigVersion = t.writesFlag
      ? await this.flagWriter.write(tx, plan, t.weight)
      : plan.flagConfigVersion;
    await this.plans.update(
      tx.manager,
      plan.id,
      {
        status: t.status,
        statusReason: t.statusReason,
        step: t.step,
        weight: t.weight,
        nextActionAt: t.nextActionAt,
        deploymentId: t.deploymentId,
        flagConfigVersion,
        ...(t.restartsWatch ? { stepStartedAt: now } : {}),
      },
      t.restartsWatch,
    );
    await this.plans.insertEvent(tx.manager, {
      planId: plan.id,
      kind: t.kind,
      cause: t.cause,
      fromStatus: plan.status,
      toStatus: t.status,
      step: t.step,
      weight: t.weight,
      actor,
      message: t.message,
      at: now,
    });
    return (await this.plans.find(tx.manager, plan.id))!;
  }
}

function planState(plan: RolloutPlanEntity, labels: PlanLabels): PlanState {
  return {
    status: plan.status,
    steps: plan.steps,
    onFailure: plan.onFailure,
    step: plan.step,
    weight: plan.weight,
    nextActionAt: plan.nextActionAt,
    deploymentId: plan.deploymentId,
    application: labels.application,
    environment: labels.environment,
    minVersion: plan.minVersion,
  };
}

function sameTransition(a: Transition, b: Transition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
