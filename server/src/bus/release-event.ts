/** What a deployment's status can be (server/src/releases/deployment-status.ts has the lifecycle). */
export type DeploymentStatus = 'started' | 'succeeded' | 'failed' | 'rolled_back';
export type HealthStatus = 'ok' | 'breach';

/** A deployment was started or changed status. */
export interface DeploymentReleaseEvent {
  readonly kind: 'deployment';
  readonly projectId: string;
  readonly applicationId: string;
  readonly environmentId: string;
  readonly deploymentId: string;
  readonly version: string;
  readonly status: DeploymentStatus;
  /** When the change committed (epoch ms). */
  readonly committedAt: number;
}

/** A health signal was reported for an application in an environment. */
export interface HealthReleaseEvent {
  readonly kind: 'health';
  readonly projectId: string;
  readonly applicationId: string;
  readonly environmentId: string;
  readonly signalId: string;
  readonly status: HealthStatus;
  readonly committedAt: number;
}

/**
 * A release record changed that code on every instance may react to (the rollout scheduler).
 * Carried on its own channel, beside environment changes, so their listeners never see these.
 * Best-effort like every bus message: the records in the database are the truth.
 */
export type ReleaseEvent = DeploymentReleaseEvent | HealthReleaseEvent;
export type ReleaseListener = (event: ReleaseEvent) => void;

const DEPLOYMENT_STATUSES: readonly string[] = ['started', 'succeeded', 'failed', 'rolled_back'];
const HEALTH_STATUSES: readonly string[] = ['ok', 'breach'];

/** Parses a release event from the wire; anything malformed is refused rather than half-trusted. */
export function parseReleaseEvent(raw: string): ReleaseEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const strings = (...names: string[]) => names.every((n) => typeof v[n] === 'string');
  if (!strings('projectId', 'applicationId', 'environmentId', 'status')) return undefined;
  if (typeof v.committedAt !== 'number' || !Number.isFinite(v.committedAt)) return undefined;
  const common = {
    projectId: v.projectId as string,
    applicationId: v.applicationId as string,
    environmentId: v.environmentId as string,
    committedAt: v.committedAt,
  };
  if (
    v.kind === 'deployment' &&
    strings('deploymentId', 'version') &&
    DEPLOYMENT_STATUSES.includes(v.status as string)
  ) {
    return {
      kind: 'deployment',
      ...common,
      deploymentId: v.deploymentId as string,
      version: v.version as string,
      status: v.status as DeploymentStatus,
    };
  }
  if (v.kind === 'health' && strings('signalId') && HEALTH_STATUSES.includes(v.status as string)) {
    return { kind: 'health', ...common, signalId: v.signalId as string, status: v.status as HealthStatus };
  }
  return undefined;
}
