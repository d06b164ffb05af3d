import type { DeploymentStatus } from '../bus/release-event.js';
import { InvalidStatusTransitionError } from './invalid-status-transition-error.js';

export const DEPLOYMENT_STATUSES: readonly DeploymentStatus[] = [
  'started',
  'succeeded',
  'failed',
  'rolled_back',
];

/** What a pipeline may report after a deployment started. */
export type ReportedStatus = Exclude<DeploymentStatus, 'started'>;
export const REPORTED_STATUSES: readonly ReportedStatus[] = ['succeeded', 'failed', 'rolled_back'];

/** started → succeeded | failed; succeeded | failed → rolled_back. Nothing else, nothing twice. */
const NEXT: Readonly<Record<DeploymentStatus, readonly DeploymentStatus[]>> = {
  started: ['succeeded', 'failed'],
  succeeded: ['rolled_back'],
  failed: ['rolled_back'],
  rolled_back: [],
};

export function checkStatusChange(what: string, from: DeploymentStatus, to: DeploymentStatus): void {
  if (!NEXT[from].includes(to)) throw new InvalidStatusTransitionError(what, from, to);
}
