import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import type { RolloutPlanFieldsFragment } from '../graphql/generated/graphql.js';
import { Link } from '../router/link.js';
import { PlanStatusBadge } from './plan-status-badge.js';
import { PlanSteps } from './plan-steps.js';
import { enumLabel } from '../ui/enum-label.js';

/** What a plan does and where it is: status and why, percent, steps, the next move. */
export function PlanSummary({ plan }: { plan: RolloutPlanFieldsFragment }) {
  const project = useProject();
  return (
    <div className="plan-summary">
      <p>
        <PlanStatusBadge status={plan.status} /> <strong>{plan.percent} %</strong> get{' '}
        <code>{plan.onVariation}</code>, the rest <code>{plan.offVariation}</code>; step {plan.currentStep} of{' '}
        {plan.steps.length}.
      </p>
      {plan.statusReason && <p className="plan-summary__reason">{plan.statusReason}</p>}
      <dl className="facts">
        <div>
          <dt>Follows</dt>
          <dd>
            <Link to={paths.releases(project.key, plan.environment)}>{plan.application}</Link> ≥{' '}
            <code>{plan.minVersion}</code>
            {plan.deployment && (
              <span className="muted">
                {' '}
                (deployment of {plan.deployment.version}, {enumLabel(plan.deployment.status)})
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Next action</dt>
          <dd>{plan.nextActionAt ? new Date(plan.nextActionAt).toLocaleString() : 'waits for no time'}</dd>
        </div>
        <div>
          <dt>On failure</dt>
          <dd>{plan.onFailure === 'ROLLBACK' ? 'roll back to 0 %' : 'pause'}</dd>
        </div>
      </dl>
      <PlanSteps plan={plan} />
    </div>
  );
}
