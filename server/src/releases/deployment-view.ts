import type { DeploymentEntity } from './deployment.entity.js';
import type { DeploymentModel } from './deployment.model.js';

/** A deployment as both edges show it, with its application and environment by key. */
export function deploymentView(
  d: DeploymentEntity,
  applicationKey: string,
  environmentKey: string,
): DeploymentModel {
  return {
    id: d.id,
    application: applicationKey,
    environment: environmentKey,
    version: d.version,
    strategy: d.strategy,
    status: d.status,
    pipelineRunUrl: d.pipelineRunUrl,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    updatedAt: d.updatedAt,
    actor: d.actor,
  };
}
