import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { Link } from '../router/link.js';
import { navigate, setSearchParams, useLocation } from '../router/router.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { FormActions } from '../ui/form-actions.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { TextField } from '../ui/text-field.js';
import { useAction } from '../ui/use-action.js';

const SegmentsQuery = graphql(`
  query Segments($project: String!, $search: String) {
    segments(project: $project, search: $search, first: 100) {
      nodes {
        key
        name
        description
        includedCount
        excludedCount
        updatedAt
        rules {
          id
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

const CreateSegmentMutation = graphql(`
  mutation CreateSegment($project: String!, $input: CreateSegmentInput!) {
    createSegment(project: $project, input: $input) {
      key
    }
  }
`);

/** The project's reusable audiences: listed keys and rules, used by flag rules. */
export function SegmentsPage() {
  const project = useProject();
  const { search } = useLocation();
  const q = search.get('q') ?? '';
  const versions = project.environments.map((e) => e.version).join(',');
  const list = useQuery(SegmentsQuery, { project: project.key, search: q || null }, { refreshKey: versions });
  const [creating, setCreating] = useState(false);

  const segments = list.data?.segments.nodes ?? [];
  return (
    <>
      <PageHeader
        title="Segments"
        documentTitle={`Segments · ${project.name}`}
        lead={
          <p className="muted">Audiences that flag rules can name: listed keys, and rules on the context.</p>
        }
        actions={
          project.canEdit() &&
          !creating && (
            <button className="button button--primary" type="button" onClick={() => setCreating(true)}>
              New segment
            </button>
          )
        }
      />
      {creating && <CreateSegmentForm onCancel={() => setCreating(false)} />}
      <form className="toolbar" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field field--inline field--grow">
          <label htmlFor="segment-search">Search</label>
          <input
            id="segment-search"
            type="search"
            placeholder="Key or name"
            defaultValue={q}
            onChange={(e) => setSearchParams({ q: e.target.value })}
          />
        </div>
      </form>
      {list.error && <ErrorNotice error={list.error} />}
      {list.loading ? (
        <Loading what="segments" />
      ) : segments.length === 0 ? (
        <EmptyState title={q ? 'No segment matches this search.' : 'This project has no segments yet.'}>
          {q
            ? 'Try part of the key or the name.'
            : project.canEdit()
              ? 'Create one with “New segment”, then use it in a flag rule with “is in segment”.'
              : 'An editor of this project can create one.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Segments of {project.name}</caption>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" className="num">
                  Included keys
                </th>
                <th scope="col" className="num">
                  Excluded keys
                </th>
                <th scope="col" className="num">
                  Rules
                </th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.key}>
                  <th scope="row">
                    <Link className="flag-name" to={paths.segment(project.key, s.key)}>
                      {s.name}
                    </Link>
                    <div className="flag-meta">
                      <code>{s.key}</code>
                      {s.description && <span className="muted">{s.description}</span>}
                    </div>
                  </th>
                  <td className="num">{s.includedCount.toLocaleString()}</td>
                  <td className="num">{s.excludedCount.toLocaleString()}</td>
                  <td className="num">{s.rules.length}</td>
                  <td>{new Date(s.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data?.segments.pageInfo.hasNextPage && (
        <p className="muted">Showing the first 100 segments: search to find others.</p>
      )}
    </>
  );
}

function CreateSegmentForm({ onCancel }: { onCancel: () => void }) {
  const project = useProject();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await run(() =>
      request(CreateSegmentMutation, {
        project: project.key,
        input: { key: key.trim(), name: name.trim(), description: description.trim() || null },
      }),
    );
    if (created) navigate(paths.segment(project.key, created.createSegment.key));
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-segment-title">
      <h2 id="new-segment-title">New segment</h2>
      <div className="form-grid">
        <TextField id="segment-name" label="Name" value={name} required autoFocus onValue={setName} />
        <TextField id="segment-key" label="Key" value={key} required spellCheck={false} onValue={setKey} />
        <TextField
          id="segment-description"
          label="Description"
          wide
          value={description}
          onValue={setDescription}
        />
      </div>
      {error && <ErrorNotice error={error} />}
      <FormActions submitLabel="Create segment" busyLabel="Creating…" busy={busy} onCancel={onCancel} />
    </form>
  );
}
