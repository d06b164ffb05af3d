import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import { useQuery } from '../graphql/use-query.js';
import { usePollTick } from '../live/use-poll-tick.js';
import { Link } from '../router/link.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { StatusMessage } from '../ui/status-message.js';
import { PlanActions } from './plan-actions.js';
import { PlanSummary } from './plan-summary.js';
import { enumLabel } from '../ui/enum-label.js';

const RolloutPlanQuery = graphql(`
  query RolloutPlan($project: String!, $id: ID!) {
    rolloutPlan(project: $project, id: $id) {
      ...RolloutPlanFields
      history {
        at
        kind
        cause
        actor
        message
        step
        percent
        fromStatus
        toStatus
      }
    }
  }
`);

/** One rollout plan: where it is, its actions, and everything it did. */
export function RolloutPlanPage({ environment, planId }: { environment: string; planId: string }) {
  const project = useProject();
  const tick = usePollTick();
  const plan = useQuery(RolloutPlanQuery, { project: project.key, id: planId }, { refreshKey: tick });
  const [status, setStatus] = useState('');
  const envName = project.environment(environment)?.name ?? environment;
  const p = plan.data?.rolloutPlan;
  const back = (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to={paths.rolloutPlans(project.key, environment)}>Rollout plans in {envName}</Link>
    </nav>
  );

  if (!p) {
    return (
      <>
        {back}
        <PageHeader title="Rollout plan" documentTitle="Rollout plan" />
        {plan.error ? (
          <ErrorNotice
            error={plan.error}
            messages={{
              NOT_FOUND: 'There is no such rollout plan in this project. Go back to the list above.',
            }}
          />
        ) : (
          <Loading what="the rollout plan" />
        )}
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader
        title={
          <>
            Rollout of {p.flag}{' '}
            <span className="muted">in {project.environment(p.environment)?.name ?? p.environment}</span>
          </>
        }
        documentTitle={`Rollout of ${p.flag}`}
        lead={
          <p className="muted">
            Created {new Date(p.createdAt).toLocaleString()} by {p.createdBy}.{' '}
            <Link to={paths.flag(project.key, p.flag, p.environment)}>Open the flag</Link>
          </p>
        }
      />
      <StatusMessage message={status} />
      {plan.error && <ErrorNotice error={plan.error} />}
      <section className="card">
        <PlanSummary plan={p} />
        <PlanActions
          plan={p}
          onDone={(message) => {
            setStatus(message);
            plan.reload();
          }}
        />
      </section>
      <section className="section" aria-labelledby="history">
        <h2 id="history">History</h2>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">What the plan did, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Step</th>
                <th scope="col">Percent</th>
                <th scope="col">Why</th>
                <th scope="col">Who</th>
              </tr>
            </thead>
            <tbody>
              {p.history.map((e) => (
                <tr key={`${e.at} ${e.kind}`}>
                  <td>{new Date(e.at).toLocaleString()}</td>
                  <th scope="row">
                    {enumLabel(e.kind)}
                    <div className="muted">
                      {e.fromStatus ? `${enumLabel(e.fromStatus)} → ` : ''}
                      {enumLabel(e.toStatus)}
                    </div>
                  </th>
                  <td className="num">{e.step}</td>
                  <td className="num">{e.percent} %</td>
                  <td>
                    {e.message}
                    <div className="muted">cause: {enumLabel(e.cause)}</div>
                  </td>
                  <td>{e.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
