import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { FlagRepository } from '../flags/flag.repository.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { deploymentView } from '../releases/deployment-view.js';
import type { DeploymentModel } from '../releases/deployment.model.js';
import type { RolloutPlanEventModel } from './rollout-plan-event.model.js';
import { rolloutPlanEventView, rolloutPlanView } from './rollout-plan-view.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';
import type { RolloutPlanModel } from './rollout-plan.model.js';
import { RolloutPlanRepository } from './rollout-plan.repository.js';

/** Rollout plans as people read them; every role may read. */
@Injectable()
export class RolloutPlanReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly flags: FlagRepository,
    private readonly plans: RolloutPlanRepository,
  ) {}

  /** The project's plans, newest first, of one environment and/or one flag if given. */
  async list(
    actor: Actor,
    projectKey: string,
    environmentKey?: string | null,
    flagKey?: string | null,
  ): Promise<RolloutPlanModel[]> {
    const db = this.dataSource.manager;
    const project = await this.lookup.project(actor, projectKey);
    const filter: { environmentId?: string; flagId?: string } = {};
    if (environmentKey != null) {
      filter.environmentId = (
        await this.lookup.environment(actor, projectKey, environmentKey)
      ).environment.id;
    }
    if (flagKey != null) {
      const flag = await this.flags.findByKey(db, project.id, flagKey);
      if (!flag) throw new NotFoundError(`flag ${flagKey}`);
      filter.flagId = flag.id;
    }
    return this.views(await this.plans.list(db, project.id, filter));
  }

  async get(actor: Actor, projectKey: string, id: string): Promise<RolloutPlanModel> {
    const project = await this.lookup.project(actor, projectKey);
    const plan = await this.plans.inProject(this.dataSource.manager, project.id, id);
    if (!plan) throw new NotFoundError(`rollout plan ${id}`);
    return (await this.views([plan]))[0]!;
  }

  async views(plans: readonly RolloutPlanEntity[]): Promise<RolloutPlanModel[]> {
    if (plans.length === 0) return [];
    const labels = await this.plans.labels(this.dataSource.manager, plans);
    return plans.map((p) => rolloutPlanView(p, labels.get(p.id)!));
  }

  async history(planId: string): Promise<RolloutPlanEventModel[]> {
    return (await this.plans.events(this.dataSource.manager, planId)).map(rolloutPlanEventView);
  }

  /** The deployment a plan follows, if any. */
  async deployment(plan: RolloutPlanModel): Promise<DeploymentModel | null> {
    if (plan.deploymentId === null) return null;
    const deployment = await this.plans.deployment(this.dataSource.manager, plan.deploymentId);
    return deployment && deploymentView(deployment, plan.application, plan.environment);
  }
}
