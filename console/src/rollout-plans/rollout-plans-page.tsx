import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import { useQuery } from '../graphql/use-query.js';
import { usePollTick } from '../live/use-poll-tick.js';
import { Link } from '../router/link.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { StatusMessage } from '../ui/status-message.js';
import { CreatePlanForm } from './create-plan-form.js';
import { PlanActions } from './plan-actions.js';
import { PlanSummary } from './plan-summary.js';

const RolloutPlansQuery = graphql(`
  query RolloutPlans($project: String!, $environment: String!) {
    rolloutPlans(project: $project, environment: $environment) {
      ...RolloutPlanFields
    }
  }
`);

/** An environment's rollout plans, newest first: where each is, and the actions it allows now. */
export function RolloutPlansPage({ environment }: { environment: string }) {
  const project = useProject();
  const env = project.environment(environment);
  // Plans move on their own (bakes end, deployments land): poll, as the flag pages do.
  const tick = usePollTick();
  const plans = useQuery(RolloutPlansQuery, { project: project.key, environment }, { refreshKey: tick });
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState('');
  const canEdit = project.canEdit(environment);
  const envName = env?.name ?? environment;
  const list = plans.data?.rolloutPlans ?? [];
  const done = (message: string) => {
    setStatus(message);
    plans.reload();
  };

  return (
    <>
      <PageHeader
        title={
          <>
            Rollout plans <span className="muted">in {envName}</span>
          </>
        }
        documentTitle={`Rollout plans · ${envName}`}
        lead={
          <p className="muted">
            A plan ramps a flag through steps once a deployment of an application at or above a version
            succeeded here, and pauses or rolls back when that deployment fails or health breaches.
          </p>
        }
        actions={
          canEdit &&
          !creating && (
            <button className="button button--primary" type="button" onClick={() => setCreating(true)}>
              New rollout plan
            </button>
          )
        }
      />
      <StatusMessage message={status} />
      {creating && (
        <CreatePlanForm
          environment={environment}
          onCancel={() => setCreating(false)}
          onCreated={(flag) => {
            setCreating(false);
            done(`Created a rollout plan for ${flag} in ${envName}.`);
          }}
        />
      )}
      {plans.error && <ErrorNotice error={plans.error} />}
      {plans.loading ? (
        <Loading what="rollout plans" />
      ) : list.length === 0 ? (
        <EmptyState title={`No rollout plans in ${envName} yet.`}>
          {canEdit
            ? 'Create one above to ramp a flag with the next deployment of an application.'
            : 'An editor can create one; other environments may have some (switch at the top).'}
        </EmptyState>
      ) : (
        <ul className="plans">
          {list.map((plan) => (
            <li key={plan.id} className="card plan">
              <h2 className="plan__title">
                <Link to={paths.rolloutPlan(project.key, environment, plan.id)}>
                  {plan.flag} <span className="visually-hidden">rollout plan</span>
                </Link>{' '}
                <span className="muted">
                  created {new Date(plan.createdAt).toLocaleString()} by {plan.createdBy}
                </span>
              </h2>
              <PlanSummary plan={plan} />
              <PlanActions plan={plan} onDone={done} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
