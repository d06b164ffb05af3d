import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import { useQuery } from '../graphql/use-query.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { enumLabel } from '../ui/enum-label.js';

const HealthSignalsQuery = graphql(`
  query HealthSignals($project: String!, $environment: String!) {
    healthSignals(project: $project, environment: $environment, first: 10) {
      nodes {
        id
        application
        source
        status
        details
        actor
        createdAt
      }
    }
  }
`);

/** The latest health reports of an environment: a breach can pause or roll back rollout plans. */
export function HealthSignals({ environment, refreshKey }: { environment: string; refreshKey: unknown }) {
  const project = useProject();
  const signals = useQuery(HealthSignalsQuery, { project: project.key, environment }, { refreshKey });
  const list = signals.data?.healthSignals.nodes ?? [];
  if (signals.error) return <ErrorNotice error={signals.error} />;
  if (signals.loading) return <Loading what="health signals" />;
  if (list.length === 0) {
    return (
      <EmptyState title="No health signals reported here.">
        Alerting reports them with <code>POST /hooks/v1/health</code>; a breach during a ramp pauses or rolls
        back the rollout plans of that application.
      </EmptyState>
    );
  }
  return (
    <ul className="signals">
      {list.map((s) => (
        <li key={s.id}>
          <span className={s.status === 'BREACH' ? 'badge badge--danger' : 'badge badge--success'}>
            {enumLabel(s.status)}
          </span>{' '}
          <strong>{s.application}</strong> from <code>{s.source}</code>{' '}
          <span className="muted">
            {new Date(s.createdAt).toLocaleString()} by {s.actor}
          </span>
          {s.details != null && <code className="signals__details">{JSON.stringify(s.details)}</code>}
        </li>
      ))}
    </ul>
  );
}
