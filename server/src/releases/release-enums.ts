import { registerEnumType } from '@nestjs/graphql';
import type { DeploymentStatus, HealthStatus } from '../bus/release-event.js';
import type { ReleaseStage } from './release-stage.js';

// GraphQL enums name their values in capitals; the database, REST and the code use the words.
export const ReleaseStageEnum = {
  ALPHA: 'alpha',
  BETA: 'beta',
  RC: 'rc',
  STABLE: 'stable',
} as const satisfies Record<string, ReleaseStage>;

export const DeploymentStatusEnum = {
  STARTED: 'started',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  ROLLED_BACK: 'rolled_back',
} as const satisfies Record<string, DeploymentStatus>;

export const HealthStatusEnum = {
  OK: 'ok',
  BREACH: 'breach',
} as const satisfies Record<string, HealthStatus>;

registerEnumType(ReleaseStageEnum, {
  name: 'ReleaseStage',
  description: 'alpha → beta → rc → stable; a release only moves forward.',
});
registerEnumType(DeploymentStatusEnum, {
  name: 'DeploymentStatus',
  description: 'started → succeeded or failed; either may later be rolled back.',
});
registerEnumType(HealthStatusEnum, { name: 'HealthStatus' });
