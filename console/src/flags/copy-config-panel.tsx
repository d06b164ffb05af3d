import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { FlagConfigCopyPreviewQuery } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { useAction } from '../ui/use-action.js';
import { describePath, formatValue } from './config-changes.js';
import { SaveReview } from './save-review.js';

const CopyPreviewQuery = graphql(`
  query FlagConfigCopyPreview($project: String!, $flag: String!, $from: String!, $to: String!) {
    flagConfigCopyPreview(project: $project, flag: $flag, from: $from, to: $to) {
      sourceVersion
      targetVersion
      diff {
        path
        op
        before
        after
      }
    }
  }
`);

const CopyMutation = graphql(`
  mutation CopyFlagConfig(
    $project: String!
    $flag: String!
    $from: String!
    $to: String!
    $expectedVersion: Int!
    $reason: String
  ) {
    copyFlagConfig(
      project: $project
      flag: $flag
      from: $from
      to: $to
      expectedVersion: $expectedVersion
      reason: $reason
    ) {
      version
    }
  }
`);

type Preview = FlagConfigCopyPreviewQuery['flagConfigCopyPreview'];

/** Promotes another environment's configuration into this one, after showing what it changes. */
export function CopyConfigPanel({
  flag,
  environment,
  blocked,
  onCopied,
}: {
  flag: string;
  environment: string;
  /** Why copying is not offered now (an unsaved edit, the token's role), if it is not. */
  blocked: string | null;
  onCopied: (version: number, from: string) => void;
}) {
  const project = useProject();
  const sources = project.environments.filter((e) => e.key !== environment);
  const [from, setFrom] = useState(sources[0]?.key ?? '');
  const [preview, setPreview] = useState<Preview | null>(null);
  const { busy, error, run } = useAction();
  const target = project.environment(environment);

  const load = async () => {
    const data = await run(() =>
      request(CopyPreviewQuery, { project: project.key, flag, from, to: environment }),
    );
    if (data) setPreview(data.flagConfigCopyPreview);
  };

  const copy = async (reason: string) => {
    if (!preview) return;
    const data = await run(() =>
      request(CopyMutation, {
        project: project.key,
        flag,
        from,
        to: environment,
        expectedVersion: preview.targetVersion,
        reason: reason || null,
      }),
    );
    if (data) {
      setPreview(null);
      onCopied(data.copyFlagConfig.version, from);
    } else {
      // Refused (e.g. the target moved since the preview): the preview is what it is now, or gone.
      setPreview(null);
    }
  };

  if (sources.length === 0) return null;
  const fromName = project.environment(from)?.name ?? from;
  return (
    <section className="card side-card" aria-labelledby="copy-title">
      <h2 id="copy-title">Copy from another environment</h2>
      {blocked ? (
        <p className="muted">{blocked}</p>
      ) : preview ? (
        <SaveReview
          title={`Copy ${fromName} to ${target?.name ?? environment}`}
          changes={preview.diff}
          describe={describePath}
          format={formatValue}
          reasonRequired={target?.protected ?? false}
          environmentName={target?.name ?? environment}
          saveLabel={preview.diff.length === 0 ? 'Nothing to copy' : `Copy to ${target?.name ?? environment}`}
          cancelLabel="Cancel"
          busy={busy}
          error={error}
          onSave={copy}
          onCancel={() => setPreview(null)}
        />
      ) : (
        <form
          className="row row--end"
          onSubmit={(e) => {
            e.preventDefault();
            void load();
          }}
        >
          <div className="field">
            <label htmlFor="copy-from">From</label>
            <select id="copy-from" value={from} onChange={(e) => setFrom(e.target.value)}>
              {sources.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <button className="button" type="submit" disabled={busy}>
            {busy ? 'Comparing…' : 'Preview the copy'}
          </button>
        </form>
      )}
      {!preview && error && (
        <ErrorNotice
          error={error}
          messages={{ CONFLICT: 'This environment changed since the preview: preview the copy again.' }}
        />
      )}
    </section>
  );
}
