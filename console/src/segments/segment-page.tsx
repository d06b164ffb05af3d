import { useMemo, useState } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { describePath, formatValue } from '../flags/config-changes.js';
import { SaveReview } from '../flags/save-review.js';
import { graphql } from '../graphql/generated/gql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { ConfirmAction } from '../ui/confirm-action.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { diffJson } from '../ui/json-diff.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { StatusMessage } from '../ui/status-message.js';
import { TextField } from '../ui/text-field.js';
import { useAction } from '../ui/use-action.js';
import { segmentDraftOf, type SegmentDraft } from './segment-draft.js';
import { SegmentKeys } from './segment-keys.js';
import { SegmentRulesEditor } from './segment-rules-editor.js';

const SegmentPageQueryDocument = graphql(`
  query SegmentPage($project: String!, $segment: String!) {
    segment(project: $project, key: $segment) {
      key
      name
      description
      version
      includedCount
      excludedCount
      updatedAt
      rules {
        id
        clauses {
          attribute
          op
          negate
          values
        }
        rollout {
          bucketBy
          weight
        }
      }
    }
    segments(project: $project, first: 100) {
      nodes {
        key
        name
      }
    }
  }
`);

const UpdateSegmentMutation = graphql(`
  mutation UpdateSegment(
    $project: String!
    $segment: String!
    $expectedVersion: Int!
    $reason: String
    $input: UpdateSegmentInput!
  ) {
    updateSegment(
      project: $project
      segment: $segment
      expectedVersion: $expectedVersion
      reason: $reason
      input: $input
    ) {
      version
    }
  }
`);

const DeleteSegmentMutation = graphql(`
  mutation DeleteSegment($project: String!, $segment: String!, $expectedVersion: Int!) {
    deleteSegment(project: $project, segment: $segment, expectedVersion: $expectedVersion)
  }
`);

/** One segment: its name, rules and key lists, each change saved with the version it started from. */
export function SegmentPage({ segmentKey }: { segmentKey: string }) {
  const project = useProject();
  const versions = project.environments.map((e) => e.version).join(',');
  const page = useQuery(
    SegmentPageQueryDocument,
    { project: project.key, segment: segmentKey },
    { refreshKey: versions },
  );
  const segment = page.data?.segment;
  const stored = useMemo(() => (segment ? segmentDraftOf(segment) : null), [segment]);
  const [edit, setEdit] = useState<{ base: SegmentDraft; version: number; draft: SegmentDraft } | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const { busy, error, run } = useAction();
  const [status, setStatus] = useState('');

  if (!segment || !stored) {
    return page.error ? (
      <ErrorNotice error={page.error} messages={{ NOT_FOUND: `There is no segment “${segmentKey}”.` }} />
    ) : (
      <Loading what="the segment" />
    );
  }

  const changes = edit ? diffJson(edit.base, edit.draft) : [];
  const dirty = changes.length > 0;
  const conflicted = dirty && edit !== null && edit.version !== segment.version;
  const shown = dirty && edit ? edit.draft : stored;
  const canEdit = project.canEdit();
  const change = (update: (draft: SegmentDraft) => SegmentDraft) =>
    setEdit((current) => {
      const start =
        current && diffJson(current.base, current.draft).length > 0
          ? current
          : { base: stored, version: segment.version, draft: stored };
      return { ...start, draft: update(start.draft) };
    });

  const save = async (reason: string) => {
    if (!edit) return;
    try {
      const result = await run(() =>
        request(UpdateSegmentMutation, {
          project: project.key,
          segment: segment.key,
          expectedVersion: edit.version,
          reason: reason || null,
          input: edit.draft,
        }),
      );
      if (!result) return;
      setEdit(null);
      setReviewing(false);
      setStatus(`Saved: version ${result.updateSegment.version}.`);
    } finally {
      // Saved, or refused for a stale version: either way, show what is stored now.
      page.reload();
    }
  };

  const remove = async () => {
    const removed = await run(() =>
      request(DeleteSegmentMutation, {
        project: project.key,
        segment: segment.key,
        expectedVersion: segment.version,
      }),
    );
    if (removed === undefined) return false;
    navigate(paths.segments(project.key));
    return true;
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={paths.segments(project.key)}>Segments</Link> <span aria-hidden="true">›</span>{' '}
        {segment.name}
      </nav>
      <PageHeader
        title={segment.name}
        documentTitle={`${segment.name} · Segments`}
        lead={
          <div className="flag-meta">
            <code>{segment.key}</code>
            <span className="muted">
              Version {segment.version} · updated {new Date(segment.updatedAt).toLocaleString()}
            </span>
          </div>
        }
        actions={
          canEdit && <ConfirmAction label="Delete…" confirmLabel="Delete this segment" onConfirm={remove} />
        }
      />
      {!canEdit && (
        <p className="notice notice--info" role="note">
          Your token is a viewer here: you can look at everything but change nothing.
        </p>
      )}
      <StatusMessage message={status} />
      {error && !reviewing && <ErrorNotice error={error} describePath={describePath} />}
      {conflicted && (
        <div className="notice notice--warning" role="alert">
          <p>
            Someone saved this segment (now version {segment.version}) while you were editing version{' '}
            {edit?.version}.
          </p>
          <div className="actions">
            <button
              className="button"
              type="button"
              onClick={() => edit && setEdit({ ...edit, base: stored, version: segment.version })}
            >
              Keep my edit over their version
            </button>
            <button className="button" type="button" onClick={() => setEdit(null)}>
              Drop my edit
            </button>
          </div>
        </div>
      )}
      <fieldset className="editor" disabled={!canEdit || reviewing || conflicted}>
        <legend className="visually-hidden">Segment {segment.name}</legend>
        <section className="card" aria-labelledby="segment-details-title">
          <h2 id="segment-details-title">Details</h2>
          <div className="form-grid">
            <TextField
              id="segment-name"
              label="Name"
              value={shown.name}
              onValue={(name) => change((d) => ({ ...d, name }))}
            />
            <TextField
              id="segment-description"
              label="Description"
              wide
              value={shown.description}
              onValue={(description) => change((d) => ({ ...d, description }))}
            />
          </div>
        </section>
        <section className="card" aria-labelledby="segment-rules-title">
          <h2 id="segment-rules-title">Rules</h2>
          <p className="muted">A context matching any rule is in the segment, unless its key is excluded.</p>
          <SegmentRulesEditor
            rules={shown.rules}
            segments={(page.data?.segments.nodes ?? []).filter((s) => s.key !== segment.key)}
            onChange={(rules) => change((d) => ({ ...d, rules }))}
          />
        </section>
      </fieldset>
      {reviewing && dirty && edit && (
        <SaveReview
          title="Review segment changes"
          changes={changes}
          describe={(path) => describePath(path)}
          format={formatValue}
          reasonRequired={false}
          environmentName="every environment"
          saveLabel="Save segment"
          busy={busy}
          error={error}
          onSave={save}
          onCancel={() => setReviewing(false)}
        />
      )}
      {dirty && !reviewing && !conflicted && (
        <div className="savebar" role="region" aria-label="Unsaved changes">
          <span>
            {changes.length} unsaved change{changes.length === 1 ? '' : 's'} to this segment (every
            environment)
          </span>
          <div className="actions">
            <button className="button" type="button" onClick={() => setEdit(null)}>
              Discard
            </button>
            <button className="button button--primary" type="button" onClick={() => setReviewing(true)}>
              Review and save
            </button>
          </div>
        </div>
      )}
      <SegmentKeys
        segment={segment.key}
        version={segment.version}
        counts={{ INCLUDED: segment.includedCount, EXCLUDED: segment.excludedCount }}
        canEdit={canEdit}
        onChanged={(message) => {
          setStatus(message);
          page.reload();
        }}
      />
    </>
  );
}
