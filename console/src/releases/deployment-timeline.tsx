import type { DeploymentsQuery } from '../graphql/generated/graphql.js';
import { DeploymentStatusBadge } from './deployment-status-badge.js';
import { describeStrategy } from './describe-strategy.js';
import { enumLabel } from '../ui/enum-label.js';

type Deployment = DeploymentsQuery['deployments']['nodes'][number];

/** An environment's deployments, newest first, each with every status it reached. */
export function DeploymentTimeline({
  deployments,
  caption,
}: {
  deployments: readonly Deployment[];
  caption: string;
}) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Application</th>
            <th scope="col">Version</th>
            <th scope="col">Strategy</th>
            <th scope="col">Status</th>
            <th scope="col">Pipeline run</th>
            <th scope="col">Started</th>
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.application}</th>
              <td>
                <code>{d.version}</code>
              </td>
              <td>{describeStrategy(d.strategy)}</td>
              <td>
                <DeploymentStatusBadge status={d.status} />
                <ol className="timeline">
                  {d.events.map((e) => (
                    <li key={`${e.status} ${e.createdAt}`} className="muted">
                      {enumLabel(e.status)} {new Date(e.createdAt).toLocaleTimeString()} by {e.actor}
                    </li>
                  ))}
                </ol>
              </td>
              <td>
                {d.pipelineRunUrl ? (
                  <a href={d.pipelineRunUrl} target="_blank" rel="noreferrer">
                    Run{' '}
                    <span className="visually-hidden">
                      of {d.application} {d.version}
                    </span>
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td>
                {new Date(d.startedAt).toLocaleString()}
                <div className="muted">by {d.actor}</div>
              </td>
              <td>{d.finishedAt ? new Date(d.finishedAt).toLocaleString() : 'not yet'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
