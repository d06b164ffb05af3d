import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import type { FlagPageQuery } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { Link } from '../router/link.js';
import { ConfirmAction } from '../ui/confirm-action.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { PageHeader } from '../ui/page-header.js';
import { useAction } from '../ui/use-action.js';
import { formatShare } from './format-share.js';

const ArchiveFlagMutation = graphql(`
  mutation ArchiveFlag($project: String!, $flag: String!, $expectedVersion: Int) {
    archiveFlag(project: $project, flag: $flag, expectedVersion: $expectedVersion) {
      archived
    }
  }
`);

const UnarchiveFlagMutation = graphql(`
  mutation UnarchiveFlag($project: String!, $flag: String!, $expectedVersion: Int) {
    unarchiveFlag(project: $project, flag: $flag, expectedVersion: $expectedVersion) {
      archived
    }
  }
`);

/** The flag's name, what kind it is, and a tab per environment showing whether it is on there. */
export function FlagHeader({
  flag,
  environment,
  onChanged,
}: {
  flag: FlagPageQuery['flag'];
  environment: string;
  onChanged: () => void;
}) {
  const project = useProject();
  const archiving = useAction();
  const envName = project.environment(environment)?.name ?? environment;

  const toggleArchived = async () => {
    const variables = { project: project.key, flag: flag.key, expectedVersion: flag.version };
    const done = await archiving.run(async () => {
      if (flag.archived) await request(UnarchiveFlagMutation, variables);
      else await request(ArchiveFlagMutation, variables);
      return true;
    });
    if (done === undefined) return false;
    onChanged();
    return true;
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.flags(project.key)}>Flags</Link> <span aria-hidden="true">›</span> {flag.name}
      </nav>
      <PageHeader
        title={flag.name}
        documentTitle={`${flag.name} in ${envName}`}
        lead={
          <>
            <div className="flag-meta">
              <code>{flag.key}</code>
              <span className="badge">{flag.kind.toLowerCase()}</span>
              {flag.temporary ? (
                <span className="badge badge--info">temporary</span>
              ) : (
                <span className="badge">permanent</span>
              )}
              {flag.archived && <span className="badge badge--muted">archived</span>}
              {flag.tags.map((t) => (
                <span className="tag" key={t}>
                  {t}
                </span>
              ))}
              {flag.owner && <span className="muted">Owner: {flag.owner}</span>}
            </div>
            {flag.description && <p className="muted">{flag.description}</p>}
          </>
        }
        actions={
          project.canEdit() && (
            <ConfirmAction
              label={flag.archived ? 'Unarchive…' : 'Archive…'}
              confirmLabel={`${flag.archived ? 'Unarchive' : 'Archive'} in every environment`}
              onConfirm={toggleArchived}
            />
          )
        }
      />
      {archiving.error && <ErrorNotice error={archiving.error} />}
      <nav className="env-tabs" aria-label="Environments">
        {project.environments.map((env) => {
          const config = flag.configs.find((c) => c.environment === env.key);
          const current = env.key === environment;
          return (
            <Link
              key={env.key}
              to={paths.flag(project.key, flag.key, env.key)}
              className={`env-tab ${current ? 'env-tab--current' : ''}`}
              aria-current={current ? 'page' : undefined}
              style={{ borderTopColor: env.color }}
            >
              <span className="env-tab__name">
                {env.name}
                {env.protected && <span className="visually-hidden"> (protected)</span>}
                {env.protected && (
                  <svg className="env-tab__lock" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                    <path
                      fill="currentColor"
                      d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.75 0h3.5V5a1.75 1.75 0 0 0-3.5 0z"
                    />
                  </svg>
                )}
              </span>
              <span className={`state ${config?.enabled ? 'state--on' : 'state--off'}`}>
                <span className="state__dot" aria-hidden="true" />
                {config?.enabled ? `On · ${formatShare(config.rolloutShare)}` : 'Off'}
              </span>
            </Link>
          );
        })}
      </nav>
    </>
  );
}
