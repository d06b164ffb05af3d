import { Fragment, useState } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import { useOlderPages } from '../graphql/use-older-pages.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { OlderRowsButton } from '../ui/older-rows-button.js';
import { PromoteReleaseForm } from './promote-release-form.js';
import { enumLabel } from '../ui/enum-label.js';

const ArtifactsQuery = graphql(`
  query Artifacts($project: String!, $application: String!, $after: String) {
    artifacts(project: $project, application: $application, first: 20, after: $after) {
      nodes {
        id
        version
        commit
        imageDigest
        buildUrl
        createdAt
        createdBy
        release {
          id
          stage
          promotions {
            fromStage
            toStage
            actor
            notes
            createdAt
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** Shortens a commit or digest for the table; the whole value stays in the title. */
const short = (value: string, length: number) =>
  value.length > length ? `${value.slice(0, length)}…` : value;

/** One application's builds, newest first, their release stage and promotions, with a promote action. */
export function ApplicationArtifacts({
  application,
  refreshKey,
  onStatus,
}: {
  application: { key: string; name: string };
  refreshKey: unknown;
  onStatus: (message: string) => void;
}) {
  const project = useProject();
  const artifacts = useOlderPages(
    ArtifactsQuery,
    { project: project.key, application: application.key },
    (data) => data.artifacts,
    { refreshKey },
  );
  const [promoting, setPromoting] = useState<string | null>(null);
  const canPromote = project.canEdit();
  const list = artifacts.rows;

  if (artifacts.first.error) return <ErrorNotice error={artifacts.first.error} />;
  if (artifacts.first.loading) return <Loading what={`artifacts of ${application.name}`} />;
  if (list.length === 0) {
    return (
      <EmptyState title={`No artifacts of ${application.name} yet.`}>
        A pipeline records them with <code>POST /hooks/v1/artifacts</code> (docs/release-hooks.md).
      </EmptyState>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Artifacts of {application.name}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Commit</th>
            <th scope="col">Image digest</th>
            <th scope="col">Build</th>
            <th scope="col">Created</th>
            <th scope="col">Release</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <Fragment key={a.id}>
              <tr>
                <th scope="row">
                  <code>{a.version}</code>
                </th>
                <td>{a.commit ? <code title={a.commit}>{short(a.commit, 9)}</code> : '—'}</td>
                <td>{a.imageDigest ? <code title={a.imageDigest}>{short(a.imageDigest, 19)}</code> : '—'}</td>
                <td>
                  {a.buildUrl ? (
                    <a href={a.buildUrl} target="_blank" rel="noreferrer">
                      Build <span className="visually-hidden">of {a.version}</span>
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {new Date(a.createdAt).toLocaleString()}
                  <div className="muted">by {a.createdBy}</div>
                </td>
                <td>
                  {a.release ? (
                    <>
                      <span
                        className={
                          a.release.stage === 'STABLE' ? 'badge badge--success' : 'badge badge--info'
                        }
                      >
                        {enumLabel(a.release.stage)}
                      </span>
                      <ul className="promotions">
                        {a.release.promotions.map((p) => (
                          <li key={`${p.toStage} ${p.createdAt}`} className="muted">
                            {p.fromStage ? `${enumLabel(p.fromStage)} → ` : 'released as '}
                            {enumLabel(p.toStage)} by {p.actor}, {new Date(p.createdAt).toLocaleDateString()}
                            {p.notes && <>: “{p.notes}”</>}
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <span className="muted">not released</span>
                  )}
                </td>
                <td className="actions-cell">
                  {canPromote && a.release && a.release.stage !== 'STABLE' && promoting !== a.id && (
                    <button className="button button--small" type="button" onClick={() => setPromoting(a.id)}>
                      Promote… <span className="visually-hidden">{a.version}</span>
                    </button>
                  )}
                </td>
              </tr>
              {promoting === a.id && a.release && (
                <tr>
                  <td colSpan={7}>
                    <PromoteReleaseForm
                      application={application.key}
                      version={a.version}
                      stage={a.release.stage}
                      onCancel={() => setPromoting(null)}
                      onDone={(message) => {
                        setPromoting(null);
                        onStatus(message);
                        artifacts.reload();
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <OlderRowsButton pages={artifacts}>
        Older artifacts <span className="visually-hidden">of {application.name}</span>
      </OlderRowsButton>
    </div>
  );
}
