import type { RolloutPlanStatus } from '../graphql/generated/graphql.js';
import { enumLabel } from '../ui/enum-label.js';

const TONES: Record<RolloutPlanStatus, string> = {
  WAITING: 'badge badge--muted',
  RAMPING: 'badge badge--info',
  AWAITING_APPROVAL: 'badge badge--warning',
  PAUSED: 'badge badge--warning',
  ROLLED_BACK: 'badge badge--danger',
  COMPLETED: 'badge badge--success',
  CANCELLED: 'badge badge--muted',
};

/** "awaiting approval", coloured by whether someone needs to act. */
export function PlanStatusBadge({ status }: { status: RolloutPlanStatus }) {
  return <span className={TONES[status]}>{enumLabel(status)}</span>;
}
