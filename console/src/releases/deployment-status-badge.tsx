import type { DeploymentStatus } from '../graphql/generated/graphql.js';
import { enumLabel } from '../ui/enum-label.js';

const TONES: Record<DeploymentStatus, string> = {
  STARTED: 'badge badge--info',
  SUCCEEDED: 'badge badge--success',
  FAILED: 'badge badge--danger',
  ROLLED_BACK: 'badge badge--warning',
};

/** A deployment's status in words and colour. */
export function DeploymentStatusBadge({ status }: { status: DeploymentStatus }) {
  return <span className={TONES[status]}>{enumLabel(status)}</span>;
}
