import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { DeploymentStatus } from '../bus/release-event.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ApplicationEntity } from './application.entity.js';
import { DeploymentEventEntity } from './deployment-event.entity.js';
import { checkStatusChange, type ReportedStatus } from './deployment-status.js';
import { DEFAULT_STRATEGY, type DeploymentStrategy } from './deployment-strategy.js';
import { deploymentView } from './deployment-view.js';
import { DeploymentEntity } from './deployment.entity.js';
import type { DeploymentModel } from './deployment.model.js';
import { ReleaseLookup } from './release-lookup.js';
import type { ReleaseTransaction } from './release-writer.js';

export interface DeploymentInput {
  readonly application: string;
  readonly version: string;
  readonly environment: string;
  /** Rolling 25 % / 25 % when absent. */
  readonly strategy?: DeploymentStrategy;
  readonly pipelineRunUrl?: string;
}

/**
 * Which deployment a status report is about: its id, or the most recent deployment of an
 * application in an environment (of one version, if given): pipelines running
 * `kubectl rollout undo` often no longer have the id.
 */
export type DeploymentTarget =
  | { readonly deploymentId: string }
  | { readonly application: string; readonly environment: string; readonly version?: string };

export interface StatusReport {
  readonly status: ReportedStatus;
  readonly target: DeploymentTarget;
  readonly details?: Record<string, unknown>;
}

/** Deployments: started by pipelines, then succeeded or failed, and perhaps rolled back. */
@Injectable()
export class DeploymentsService {
  constructor(private readonly lookup: ReleaseLookup) {}

  /** Starts a deployment of a recorded artifact. */
  async start(
    tx: ReleaseTransaction,
    projectId: string,
    input: DeploymentInput,
    actor: string,
  ): Promise<DeploymentModel> {
    const { application, environment } = await this.lookup.target(tx.manager, projectId, input);
    const artifact = await this.lookup.artifact(tx.manager, application, input.version);
    const id = randomUUID();
    await tx.manager.insert(DeploymentEntity, {
      id,
      applicationId: application.id,
      environmentId: environment.id,
      artifactId: artifact.id,
      version: artifact.version,
      strategy: input.strategy ?? DEFAULT_STRATEGY,
      status: 'started',
      pipelineRunUrl: input.pipelineRunUrl ?? null,
      actor,
    });
    const deployment = await tx.manager.findOneByOrFail(DeploymentEntity, { id });
    await this.recordStatus(tx, projectId, deployment, 'started', null, actor);
    return deploymentView(deployment, application.key, environment.key);
  }

  /** Moves a deployment to the status a pipeline reports, if its lifecycle allows it. */
  async report(
    tx: ReleaseTransaction,
    projectId: string,
    report: StatusReport,
    actor: string,
  ): Promise<DeploymentModel> {
    const id = await this.find(tx.manager, projectId, report.target);
    // Locked, so concurrent reports about one deployment are judged one after the other.
    const deployment = await tx.manager
      .createQueryBuilder(DeploymentEntity, 'd')
      .setLock('pessimistic_write')
      .where('d.id = :id', { id })
      .getOneOrFail();
    const application = await tx.manager.findOneByOrFail(ApplicationEntity, { id: deployment.applicationId });
    const environment = await tx.manager.findOneByOrFail(EnvironmentEntity, { id: deployment.environmentId });
    checkStatusChange(
      `deployment ${deployment.id} (${application.key} ${deployment.version} to ${environment.key})`,
      deployment.status,
      report.status,
    );
    const finishes = report.status === 'succeeded' || report.status === 'failed';
    await tx.manager
      .createQueryBuilder()
      .update(DeploymentEntity)
      .set({
        status: report.status,
        updatedAt: () => 'now()',
        ...(finishes ? { finishedAt: () => 'now()' } : {}),
      })
      .where('id = :id', { id })
      .execute();
    const updated = await tx.manager.findOneByOrFail(DeploymentEntity, { id });
    await this.recordStatus(tx, projectId, updated, report.status, report.details ?? null, actor);
    return deploymentView(updated, application.key, environment.key);
  }

  /** The id of the deployment a report names, within the project. */
  private async find(db: EntityManager, projectId: string, target: DeploymentTarget): Promise<string> {
    if ('deploymentId' in target) {
      const found = await db
        .createQueryBuilder(DeploymentEntity, 'd')
        .innerJoin(ApplicationEntity, 'a', 'a.id = d.application_id')
        .where('d.id = :id AND a.project_id = :projectId', { id: target.deploymentId, projectId })
        .getOne();
      if (!found) throw new NotFoundError(`deployment ${target.deploymentId}`);
      return found.id;
    }
    const { application, environment } = await this.lookup.target(db, projectId, target);
    const q = db
      .createQueryBuilder(DeploymentEntity, 'd')
      .where('d.application_id = :applicationId AND d.environment_id = :environmentId', {
        applicationId: application.id,
        environmentId: environment.id,
      })
      .orderBy('d.started_at', 'DESC')
      .addOrderBy('d.id', 'DESC');
    if (target.version !== undefined) q.andWhere('d.version = :version', { version: target.version });
    const latest = await q.limit(1).getOne();
    if (!latest) {
      const of = target.version === undefined ? application.key : `${application.key} ${target.version}`;
      throw new NotFoundError(`deployment of ${of} to ${environment.key}`);
    }
    return latest.id;
  }

  private async recordStatus(
    tx: ReleaseTransaction,
    projectId: string,
    deployment: DeploymentEntity,
    status: DeploymentStatus,
    details: Record<string, unknown> | null,
    actor: string,
  ): Promise<void> {
    await tx.manager.insert(DeploymentEventEntity, { deploymentId: deployment.id, status, details, actor });
    tx.publish({
      kind: 'deployment',
      projectId,
      applicationId: deployment.applicationId,
      environmentId: deployment.environmentId,
      deploymentId: deployment.id,
      version: deployment.version,
      status,
    });
  }
}
