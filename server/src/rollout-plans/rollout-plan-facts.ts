import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FlagEntity } from '../flags/flag.entity.js';
import { FlagRepository } from '../flags/flag.repository.js';
import { ReleaseSignals } from '../releases/release-signals.js';
import type { DeploymentEntity } from '../releases/deployment.entity.js';
import type { DeploymentFact, PlanFacts } from './rollout-plan-machine.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';
import { RolloutPlanRepository } from './rollout-plan.repository.js';

/** Reads what the state machine decides on, from the database only: release events are just a nudge. */
@Injectable()
export class RolloutPlanFacts {
  constructor(
    private readonly signals: ReleaseSignals,
    private readonly plans: RolloutPlanRepository,
    private readonly flags: FlagRepository,
  ) {}

  async gather(plan: RolloutPlanEntity, now: Date, db: EntityManager): Promise<PlanFacts> {
    const bound = plan.deploymentId ? await this.plans.deployment(db, plan.deploymentId) : null;
    const succeeded = await this.signals.succeededDeploymentAtLeast(
      plan.applicationId,
      plan.environmentId,
      plan.minVersion,
      db,
    );
    // Read back with millisecond precision, the watch may start up to 1 ms early: a breach or a
    // failed deployment in that millisecond counts, which errs on the safe side.
    const since = plan.status === 'ramping' || plan.status === 'awaiting_approval' ? plan.watchSince : null;
    const breaches = since
      ? await this.signals.breachesSince(plan.applicationId, plan.environmentId, since, db)
      : [];
    const latest = since
      ? await this.signals.latestDeployment(plan.applicationId, plan.environmentId, db)
      : null;
    const later =
      since && latest && latest.id !== plan.deploymentId && latest.updatedAt >= since ? latest : null;
    const flag = await db.findOneByOrFail(FlagEntity, { id: plan.flagId });
    const config = await this.flags.config(db, plan.flagId, plan.environmentId);
    const edited = (config?.version ?? 0) !== plan.flagConfigVersion;
    return {
      now,
      bound: bound && deploymentFact(bound),
      later: later && deploymentFact(later),
      succeeded: succeeded && { id: succeeded.id, version: succeeded.version },
      breach: breaches[0] ? { source: breaches[0].source } : null,
      editedBy: edited
        ? ((await this.plans.lastEditor(db, plan.projectId, plan.environmentId, flag.key)) ?? 'someone')
        : null,
      flagArchived: flag.archivedAt !== null,
    };
  }
}

function deploymentFact(d: DeploymentEntity): DeploymentFact {
  return { id: d.id, version: d.version, status: d.status };
}
