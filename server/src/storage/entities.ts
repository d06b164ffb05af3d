import { TokenEntity } from '../auth/token.entity.js';
import { EnvironmentChangeEntity } from '../changes/environment-change.entity.js';
import { ConfigEntryEntity } from '../configuration/config-entry.entity.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { FlagConfigEntity } from '../flags/flag-config.entity.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { ApplicationEntity } from '../releases/application.entity.js';
import { ArtifactEntity } from '../releases/artifact.entity.js';
import { DeploymentEventEntity } from '../releases/deployment-event.entity.js';
import { DeploymentEntity } from '../releases/deployment.entity.js';
import { HealthSignalEntity } from '../releases/health-signal.entity.js';
import { ReleasePromotionEntity } from '../releases/release-promotion.entity.js';
import { ReleaseEntity } from '../releases/release.entity.js';
import { RevisionEntity } from '../revisions/revision.entity.js';
import { RolloutPlanEventEntity } from '../rollout-plans/rollout-plan-event.entity.js';
import { RolloutPlanEntity } from '../rollout-plans/rollout-plan.entity.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import { PipelineSigningSecretEntity } from '../tokens/pipeline-signing-secret.entity.js';

/** Every TypeORM entity; the schema itself is owned by the migrations. */
export const entities = [
  ProjectEntity,
  EnvironmentEntity,
  TokenEntity,
  FlagEntity,
  FlagConfigEntity,
  SegmentEntity,
  ConfigEntryEntity,
  RevisionEntity,
  EnvironmentChangeEntity,
  ApplicationEntity,
  ArtifactEntity,
  ReleaseEntity,
  ReleasePromotionEntity,
  DeploymentEntity,
  DeploymentEventEntity,
  HealthSignalEntity,
  PipelineSigningSecretEntity,
  RolloutPlanEntity,
  RolloutPlanEventEntity,
];
