import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import { useOlderPages } from '../graphql/use-older-pages.js';
import { useQuery } from '../graphql/use-query.js';
import { usePollTick } from '../live/use-poll-tick.js';
import { Link } from '../router/link.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { OlderRowsButton } from '../ui/older-rows-button.js';
import { PageHeader } from '../ui/page-header.js';
import { StatusMessage } from '../ui/status-message.js';
import { ApplicationArtifacts } from './application-artifacts.js';
import { DeploymentTimeline } from './deployment-timeline.js';
import { HealthSignals } from './health-signals.js';

const ReleasesQuery = graphql(`
  query Releases($project: String!) {
    applications(project: $project) {
      id
      key
      name
    }
  }
`);

const RunningNowQuery = graphql(`
  query RunningNow($project: String!, $environment: String!) {
    currentDeployments(project: $project, environment: $environment) {
      id
      application
      version
      finishedAt
      pipelineRunUrl
    }
  }
`);

const DeploymentsQueryDocument = graphql(`
  query Deployments($project: String!, $environment: String!, $after: String) {
    deployments(project: $project, environment: $environment, first: 25, after: $after) {
      nodes {
        id
        application
        version
        status
        actor
        pipelineRunUrl
        startedAt
        finishedAt
        strategy {
          type
          maxSurge
          maxUnavailable
          steps
        }
        events {
          status
          actor
          createdAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** What a project builds (artifacts, releases) and what runs in one environment (deployments, health). */
export function ReleasesPage({ environment }: { environment: string }) {
  const project = useProject();
  const env = project.environment(environment);
  // Pipelines report through hooks that move no environment version, so this page polls on its own.
  const tick = usePollTick();
  const applications = useQuery(ReleasesQuery, { project: project.key }, { refreshKey: tick });
  const running = useQuery(RunningNowQuery, { project: project.key, environment }, { refreshKey: tick });
  // The newest deployments refresh on each tick; older ones the user asked for stay below them.
  const deployments = useOlderPages(
    DeploymentsQueryDocument,
    { project: project.key, environment },
    (data) => data.deployments,
    { refreshKey: tick },
  );
  const [status, setStatus] = useState('');
  const apps = applications.data?.applications ?? [];
  const envName = env?.name ?? environment;
  const current = running.data?.currentDeployments ?? [];
  const timeline = deployments.rows;

  return (
    <>
      <PageHeader
        title={
          <>
            Releases <span className="muted">in {envName}</span>
          </>
        }
        documentTitle={`Releases · ${envName}`}
        lead={
          <p className="muted">
            Builds pipelines recorded, how far each is released, and what they deployed here. Pipelines report
            with a pipeline token (see <Link to={paths.tokens(project.key)}>Tokens</Link>); flags can follow a
            deployment with a <Link to={paths.rolloutPlans(project.key, environment)}>rollout plan</Link>.
          </p>
        }
      />
      <StatusMessage message={status} />

      <section className="section" aria-labelledby="running-now">
        <h2 id="running-now">Running in {envName} now</h2>
        {running.error && <ErrorNotice error={running.error} />}
        {running.loading ? (
          <Loading what="deployments" />
        ) : current.length === 0 ? (
          <EmptyState title={`Nothing has been deployed to ${envName} successfully yet.`}>
            A pipeline reports deployments with <code>POST /hooks/v1/deployments</code> and their outcome with{' '}
            <code>/hooks/v1/deployments/status</code>.
          </EmptyState>
        ) : (
          <ul className="running">
            {current.map((d) => (
              <li key={d.id} className="card running__item">
                <strong>{d.application}</strong> <code>{d.version}</code>
                <div className="muted">
                  since {d.finishedAt ? new Date(d.finishedAt).toLocaleString() : '—'}
                  {d.pipelineRunUrl && (
                    <>
                      {' · '}
                      <a href={d.pipelineRunUrl} target="_blank" rel="noreferrer">
                        pipeline run <span className="visually-hidden">of {d.application}</span>
                      </a>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="deployments">
        <h2 id="deployments">Deployments in {envName}</h2>
        {deployments.first.error && <ErrorNotice error={deployments.first.error} />}
        {!deployments.first.loading && timeline.length === 0 ? (
          <EmptyState title={`No deployments in ${envName} yet.`}>
            Other environments may have some: switch environment at the top.
          </EmptyState>
        ) : (
          timeline.length > 0 && (
            <DeploymentTimeline deployments={timeline} caption={`Deployments in ${envName}, newest first`} />
          )
        )}
        <OlderRowsButton pages={deployments}>Older deployments</OlderRowsButton>
      </section>

      <section className="section" aria-labelledby="health">
        <h2 id="health">Health in {envName}</h2>
        <HealthSignals environment={environment} refreshKey={tick} />
      </section>

      <section className="section" aria-labelledby="applications">
        <h2 id="applications">Applications and artifacts</h2>
        {applications.error && <ErrorNotice error={applications.error} />}
        {applications.loading ? (
          <Loading what="applications" />
        ) : apps.length === 0 ? (
          <EmptyState title="No applications yet.">
            The first artifact a pipeline records (<code>POST /hooks/v1/artifacts</code>) makes its
            application; create a pipeline token on the <Link to={paths.tokens(project.key)}>Tokens</Link>{' '}
            page.
          </EmptyState>
        ) : (
          apps.map((app) => (
            <section key={app.id} className="subsection" aria-labelledby={`app-${app.key}`}>
              <h3 id={`app-${app.key}`}>
                {app.name} {app.name !== app.key && <code className="muted">{app.key}</code>}
              </h3>
              <ApplicationArtifacts application={app} refreshKey={tick} onStatus={setStatus} />
            </section>
          ))
        )}
      </section>
    </>
  );
}
