import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import { useOlderPages } from '../graphql/use-older-pages.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { OlderRowsButton } from '../ui/older-rows-button.js';
import { enumLabel } from '../ui/enum-label.js';

const HealthSignalsQuery = graphql(`
  query HealthSignals($project: String!, $environment: String!, $after: String) {
    healthSignals(project: $project, environment: $environment, first: 10, after: $after) {
      nodes {
        id
        application
        source
        status
        details
        actor
        createdAt
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The latest health reports of an environment: a breach can pause or roll back rollout plans. */
export function HealthSignals({ environment, refreshKey }: { environment: string; refreshKey: unknown }) {
  const project = useProject();
  // The newest signals refresh with `refreshKey`; older ones the user asked for stay below them.
  const signals = useOlderPages(
    HealthSignalsQuery,
    { project: project.key, environment },
    (data) => data.healthSignals,
    { refreshKey },
  );
  const list = signals.rows;
  if (signals.first.error) return <ErrorNotice error={signals.first.error} />;
  if (signals.first.loading) return <Loading what="health signals" />;
  if (list.length === 0) {
    return (
      <EmptyState title="No health signals reported here.">
        Alerting reports them with <code>POST /hooks/v1/health</code>; a breach during a ramp pauses or rolls
        back the rollout plans of that application.
      </EmptyState>
    );
  }
  return (
    <>
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
      <OlderRowsButton pages={signals}>Older health signals</OlderRowsButton>
    </>
  );
}
