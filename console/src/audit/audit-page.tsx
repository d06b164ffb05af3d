import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import type { RevisionsQuery } from '../graphql/generated/graphql.js';
import { useOlderPages } from '../graphql/use-older-pages.js';
import { Link } from '../router/link.js';
import { setSearchParams, useLocation } from '../router/router.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { OlderRowsButton } from '../ui/older-rows-button.js';
import { PageHeader } from '../ui/page-header.js';
import { RevisionItem } from './revision-item.js';

const RevisionsQueryDocument = graphql(`
  query Revisions(
    $project: String!
    $entityKey: String
    $actor: String
    $environment: String
    $entityType: String
    $after: String
  ) {
    revisions(
      project: $project
      entityKey: $entityKey
      actor: $actor
      environment: $environment
      entityType: $entityType
      first: 25
      after: $after
    ) {
      nodes {
        id
        action
        actor
        reason
        createdAt
        entityType
        entityKey
        environment
        after
        diff {
          path
          op
          before
          after
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

export type Revision = RevisionsQuery['revisions']['nodes'][number];

const ENTITY_TYPES: ReadonlyArray<{ type: string; label: string }> = [
  { type: 'flagConfig', label: 'Flag configurations' },
  { type: 'flag', label: 'Flag definitions' },
  { type: 'segment', label: 'Segments' },
  { type: 'config', label: 'Configuration' },
  { type: 'token', label: 'Tokens' },
  { type: 'environment', label: 'Environments' },
  { type: 'project', label: 'Project' },
];

/** Every change in the project, newest first: who, why and what exactly, filtered by the URL. */
export function AuditPage() {
  const project = useProject();
  const { search } = useLocation();
  const flag = search.get('flag') ?? '';
  const actor = search.get('actor') ?? '';
  const environment = search.get('env') ?? '';
  const entityType = search.get('type') ?? '';
  const versions = project.environments.map((e) => e.version).join(',');
  // Other filters start the log over at its newest page.
  const revisions = useOlderPages(
    RevisionsQueryDocument,
    {
      project: project.key,
      entityKey: flag || null,
      actor: actor || null,
      environment: environment || null,
      entityType: entityType || null,
    },
    (data) => data.revisions,
    { refreshKey: versions },
  );

  const rows = revisions.rows;
  const actors = [...new Set(rows.map((r) => r.actor))].sort();
  const filtering = flag || actor || environment || entityType;

  return (
    <>
      <PageHeader
        title="Audit log"
        documentTitle={`Audit log · ${project.name}`}
        lead={
          <p className="muted">
            Every change to {project.name}: who made it, why, and exactly what it changed.
          </p>
        }
      />
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <FilterField
          id="audit-flag"
          label="Flag or key"
          value={flag}
          onCommit={(v) => setSearchParams({ flag: v })}
        />
        <FilterField
          id="audit-actor"
          label="Actor"
          value={actor}
          options={actors}
          onCommit={(v) => setSearchParams({ actor: v })}
        />
        <div className="field field--inline">
          <label htmlFor="audit-env">Environment</label>
          <select
            id="audit-env"
            value={environment}
            onChange={(e) => setSearchParams({ env: e.target.value })}
          >
            <option value="">Any</option>
            {project.environments.map((e) => (
              <option key={e.key} value={e.key}>
                {e.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="audit-type">What</label>
          <select
            id="audit-type"
            value={entityType}
            onChange={(e) => setSearchParams({ type: e.target.value })}
          >
            <option value="">Everything</option>
            {ENTITY_TYPES.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      {revisions.first.error && <ErrorNotice error={revisions.first.error} />}
      {revisions.first.loading && rows.length === 0 ? (
        <Loading what="the audit log" />
      ) : rows.length === 0 ? (
        <EmptyState title={filtering ? 'No change matches these filters.' : 'Nothing has changed yet.'}>
          {filtering ? (
            <button
              className="button"
              type="button"
              onClick={() => setSearchParams({ flag: null, actor: null, env: null, type: null })}
            >
              Clear the filters
            </button>
          ) : (
            <Link to={paths.flags(project.key)}>Create or change a flag: each change shows up here.</Link>
          )}
        </EmptyState>
      ) : (
        <ol className="revisions">
          {rows.map((revision) => (
            <RevisionItem key={revision.id} revision={revision} onFilter={setSearchParams} />
          ))}
        </ol>
      )}
      <OlderRowsButton pages={revisions}>Older changes</OlderRowsButton>
    </>
  );
}

/** A text filter written to the URL when it is committed (Enter or leaving the field). */
function FilterField({
  id,
  label,
  value,
  options,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  options?: readonly string[];
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <div className="field field--inline">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        list={options ? `${id}-options` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {options && (
        <datalist id={`${id}-options`}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
    </div>
  );
}
