import { useEffect, useMemo, useState } from 'react';
import { useCurrentEnvironment } from '../app/current-environment.js';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import type { FlagListQuery } from '../graphql/generated/graphql.js';
import { useQuery } from '../graphql/use-query.js';
import { Link } from '../router/link.js';
import { setSearchParams, useLocation } from '../router/router.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { CreateFlagForm } from './create-flag-form.js';
import { formatShare } from './format-share.js';

const FlagListQueryDocument = graphql(`
  query FlagList($project: String!, $search: String, $tags: [String!], $archived: Boolean, $after: String) {
    flags(project: $project, search: $search, tags: $tags, archived: $archived, first: 100, after: $after) {
      nodes {
        key
        name
        kind
        temporary
        archived
        tags
        updatedAt
        configs {
          environment
          enabled
          rolloutShare
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
    stale: flags(project: $project, staleDays: 30, temporary: true, archived: false, first: 100) {
      nodes {
        key
      }
    }
    tagged: flags(project: $project, archived: null, first: 100) {
      nodes {
        tags
      }
    }
  }
`);

type FlagRow = FlagListQuery['flags']['nodes'][number];

/** Days without a change or an evaluation after which a temporary flag is marked stale. */
const STALE_DAYS = 30;

/** Every flag of the project, one column per environment, filtered by what the URL says. */
export function FlagsPage() {
  const project = useProject();
  const environment = useCurrentEnvironment();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const tag = search.get('tag') ?? '';
  const archived = search.get('archived') === '1';
  const [creating, setCreating] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<FlagRow[]>([]);

  // Any change in any environment can change a column: refresh quietly when a version moves.
  const versions = project.environments.map((e) => e.version).join(',');
  const list = useQuery(
    FlagListQueryDocument,
    { project: project.key, search: q || null, tags: tag ? [tag] : null, archived, after },
    { refreshKey: versions },
  );

  const stale = useMemo(() => new Set(list.data?.stale.nodes.map((n) => n.key)), [list.data]);
  const tags = useMemo(
    () => [...new Set(list.data?.tagged.nodes.flatMap((n) => n.tags) ?? [])].sort(),
    [list.data],
  );
  const rows = [...earlier, ...(list.data?.flags.nodes ?? [])];
  const filtering = q !== '' || tag !== '' || archived;
  const resetPages = () => {
    setAfter(null);
    setEarlier([]);
  };

  return (
    <>
      <PageHeader
        title="Flags"
        documentTitle={`Flags · ${project.name}`}
        lead={
          <p className="muted">
            What each flag does in every environment of {project.name}. Open a flag to change it in one
            environment.
          </p>
        }
        actions={
          project.canEdit() &&
          !creating && (
            <button className="button button--primary" type="button" onClick={() => setCreating(true)}>
              New flag
            </button>
          )
        }
      />
      {creating && <CreateFlagForm onCancel={() => setCreating(false)} environment={environment} />}
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchField
          value={q}
          onChange={(value) => {
            resetPages();
            setSearchParams({ q: value });
          }}
        />
        <div className="field field--inline">
          <label htmlFor="tag-filter">Tag</label>
          <select
            id="tag-filter"
            value={tag}
            onChange={(e) => {
              resetPages();
              setSearchParams({ tag: e.target.value });
            }}
          >
            <option value="">Any tag</option>
            {tags.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={archived}
            onChange={(e) => {
              resetPages();
              setSearchParams({ archived: e.target.checked ? '1' : null });
            }}
          />
          Show archived flags instead
        </label>
      </form>
      {list.error && <ErrorNotice error={list.error} />}
      {list.loading && rows.length === 0 ? (
        <Loading what="flags" />
      ) : rows.length === 0 && !list.error ? (
        filtering ? (
          <EmptyState title="No flag matches these filters.">
            <button
              className="button"
              type="button"
              onClick={() => {
                resetPages();
                setSearchParams({ q: null, tag: null, archived: null });
              }}
            >
              Clear the filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="This project has no flags yet.">
            {project.canEdit()
              ? 'Create the first one with “New flag”: it starts off in every environment.'
              : 'An editor of this project can create the first one.'}
          </EmptyState>
        )
      ) : (
        <div className="table-wrap">
          <table className="table flag-table">
            <caption className="visually-hidden">
              Flags of {project.name}, with their state in each environment
            </caption>
            <thead>
              <tr>
                <th scope="col">Flag</th>
                {project.environments.map((env) => (
                  <th scope="col" key={env.key} className="env-col">
                    <span className="env-dot" style={{ background: env.color }} aria-hidden="true" />{' '}
                    {env.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((flag) => (
                <tr key={flag.key}>
                  <th scope="row">
                    <Link className="flag-name" to={paths.flag(project.key, flag.key, environment)}>
                      {flag.name}
                    </Link>
                    <div className="flag-meta">
                      <code>{flag.key}</code>
                      {flag.temporary ? (
                        <span className="badge badge--info">temporary</span>
                      ) : (
                        <span className="badge">permanent</span>
                      )}
                      {stale.has(flag.key) && (
                        <span
                          className="badge badge--warning"
                          title={`No change and no evaluation in ${STALE_DAYS} days`}
                        >
                          stale
                        </span>
                      )}
                      {flag.archived && <span className="badge badge--muted">archived</span>}
                      {flag.tags.map((t) => (
                        <button
                          key={t}
                          type="button"
                          className="tag"
                          aria-label={`Show flags tagged ${t}`}
                          onClick={() => {
                            resetPages();
                            setSearchParams({ tag: t });
                          }}
                        >
                          {t}
                        </button>
                      ))}
                    </div>
                  </th>
                  {project.environments.map((env) => {
                    const config = flag.configs.find((c) => c.environment === env.key);
                    return (
                      <td key={env.key} className="env-col">
                        <Link
                          className={`state ${config?.enabled ? 'state--on' : 'state--off'}`}
                          to={paths.flag(project.key, flag.key, env.key)}
                        >
                          <span className="visually-hidden">
                            {flag.name} in {env.name}:{' '}
                          </span>
                          <span className="state__dot" aria-hidden="true" />
                          {config?.enabled ? 'On' : 'Off'}
                          {config?.enabled && (
                            <span className="state__share">{formatShare(config.rolloutShare)}</span>
                          )}
                        </Link>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data?.flags.pageInfo.hasNextPage && (
        <button
          className="button"
          type="button"
          onClick={() => {
            setEarlier(rows);
            setAfter(list.data?.flags.pageInfo.endCursor ?? null);
          }}
        >
          Show more flags
        </button>
      )}
    </>
  );
}

/** Search as you type, written to the URL a moment after typing stops. */
function SearchField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const [written, setWritten] = useState(value);
  if (value !== written) {
    // The URL changed under the field (filters cleared, back button): show what it says now.
    setWritten(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = window.setTimeout(() => onChange(text), 250);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="field field--inline field--grow">
      <label htmlFor="flag-search">Search</label>
      <input
        id="flag-search"
        type="search"
        placeholder="Key or name"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
