import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { ApplicationEntity } from '../releases/application.entity.js';
import { DeploymentEntity } from '../releases/deployment.entity.js';
import { UUID } from '../releases/uuid-cursor.js';
import { RevisionEntity } from '../revisions/revision.entity.js';
import { RolloutPlanEventEntity } from './rollout-plan-event.entity.js';
import { ACTIVE_STATUSES, LIVE_STATUSES } from './rollout-plan-status.js';
import { RolloutPlanEntity } from './rollout-plan.entity.js';

/** The keys a plan's messages and views name things by, and whether its environment is protected. */
export interface PlanLabels {
  readonly application: string;
  readonly environment: string;
  readonly environmentProtected: boolean;
  readonly flag: string;
}

/** TypeORM's deep partial of jsonb columns overwhelms the compiler; the values are plain fields. */
const deepPartial = (values: object) => values as never;

/** Every query of rollout plans; callers pass the transaction's manager when inside a write. */
@Injectable()
export class RolloutPlanRepository {
  find(db: EntityManager, id: string): Promise<RolloutPlanEntity | null> {
    return db.findOneBy(RolloutPlanEntity, { id });
  }

  /** A plan of the project by the id a person gave; null for anything else, a malformed id too. */
  async inProject(db: EntityManager, projectId: string, id: string): Promise<RolloutPlanEntity | null> {
    if (!UUID.test(id)) return null;
    return db.findOneBy(RolloutPlanEntity, { id, projectId });
  }

  /**
   * The plan, locked until the transaction ends. Always taken after the environment row
   * (ChangeWriter locks that first), so every writer of plans takes the two in one order.
   */
  lock(db: EntityManager, id: string): Promise<RolloutPlanEntity> {
    return db
      .createQueryBuilder(RolloutPlanEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOneOrFail();
  }

  /** Plans the scheduler watches, soonest due first; of one application in one environment if given. */
  async liveIds(
    db: EntityManager,
    release?: { applicationId: string; environmentId: string },
  ): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM rollout_plans
        WHERE status = ANY($1) AND ($2::uuid IS NULL OR (application_id = $2 AND environment_id = $3))
        ORDER BY next_action_at ASC NULLS LAST, id`,
      [LIVE_STATUSES, release?.applicationId ?? null, release?.environmentId ?? null],
    );
    return rows.map((r) => r.id);
  }

  activeFor(db: EntityManager, environmentId: string, flagId: string): Promise<RolloutPlanEntity | null> {
    return db.findOneBy(RolloutPlanEntity, { environmentId, flagId, status: In([...ACTIVE_STATUSES]) });
  }

  list(
    db: EntityManager,
    projectId: string,
    filter: { environmentId?: string; flagId?: string },
  ): Promise<RolloutPlanEntity[]> {
    return db.find(RolloutPlanEntity, {
      where: { projectId, ...filter },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  async insert(db: EntityManager, plan: RolloutPlanEntity): Promise<void> {
    await db.insert(RolloutPlanEntity, deepPartial(plan));
  }

  async update(
    db: EntityManager,
    id: string,
    changes: Partial<Omit<RolloutPlanEntity, 'watchSince'>>,
    restartWatch: boolean,
  ): Promise<void> {
    await db.update(
      RolloutPlanEntity,
      { id },
      // Breaches are stamped by the database's clock, so the watch starts by the same clock.
      deepPartial({
        ...changes,
        updatedAt: () => 'now()',
        ...(restartWatch ? { watchSince: () => 'now()' } : {}),
      }),
    );
  }

  async insertEvent(db: EntityManager, event: Omit<RolloutPlanEventEntity, 'id'>): Promise<void> {
    await db.insert(RolloutPlanEventEntity, event);
  }

  events(db: EntityManager, planId: string): Promise<RolloutPlanEventEntity[]> {
    return db.find(RolloutPlanEventEntity, { where: { planId }, order: { id: 'ASC' } });
  }

  /** A deployment by id, as it is now. */
  deployment(db: EntityManager, id: string): Promise<DeploymentEntity | null> {
    return db.findOneBy(DeploymentEntity, { id });
  }

  /** Who last changed a flag's configuration in an environment, as revisions name them. */
  async lastEditor(
    db: EntityManager,
    projectId: string,
    environmentId: string,
    flagKey: string,
  ): Promise<string | null> {
    const revision = await db.findOne(RevisionEntity, {
      select: { actor: true },
      where: { projectId, environmentId, entityType: 'flagConfig', entityKey: flagKey },
      order: { id: 'DESC' },
    });
    return revision?.actor ?? null;
  }

  /** The keys of the plans' environments, flags and applications, by plan id. */
  async labels(db: EntityManager, plans: readonly RolloutPlanEntity[]): Promise<Map<string, PlanLabels>> {
    const ids = (pick: (p: RolloutPlanEntity) => string) => In([...new Set(plans.map(pick))]);
    const environments = await db.findBy(EnvironmentEntity, { id: ids((p) => p.environmentId) });
    const flags = await db.findBy(FlagEntity, { id: ids((p) => p.flagId) });
    const applications = await db.findBy(ApplicationEntity, { id: ids((p) => p.applicationId) });
    const environment = new Map(environments.map((e) => [e.id, e]));
    const flag = new Map(flags.map((f) => [f.id, f.key]));
    const application = new Map(applications.map((a) => [a.id, a.key]));
    return new Map(
      plans.map((p) => [
        p.id,
        {
          application: application.get(p.applicationId)!,
          environment: environment.get(p.environmentId)!.key,
          environmentProtected: environment.get(p.environmentId)!.protected,
          flag: flag.get(p.flagId)!,
        },
      ]),
    );
  }
}
