import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { describePath, formatValue } from '../flags/config-changes.js';
import type { FlagConfigDraft } from '../flags/flag-config-draft.js';
import { graphql } from '../graphql/generated/gql.js';
import { request } from '../graphql/request.js';
import { DiffList } from '../ui/diff-list.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { useAction } from '../ui/use-action.js';
import type { Revision } from './audit-page.js';

const RestoreTargetQuery = graphql(`
  query RestoreTarget($project: String!, $flag: String!) {
    flag(project: $project, key: $flag) {
      version
      configs {
        environment
        version
      }
    }
  }
`);

const RestoreFlagRevisionMutation = graphql(`
  mutation RestoreFlagRevision($project: String!, $revision: ID!, $expectedVersion: Int!, $reason: String) {
    restoreFlagRevision(
      project: $project
      revision: $revision
      expectedVersion: $expectedVersion
      reason: $reason
    ) {
      key
    }
  }
`);

/** Flag definitions and configurations can be put back as they were after a revision. */
const RESTORABLE = new Set(['flag', 'flagConfig']);

/** One recorded change: who, when, why; its diff on demand; and a restore for flags. */
export function RevisionItem({
  revision,
  onFilter,
}: {
  revision: Revision;
  onFilter: (params: Record<string, string>) => void;
}) {
  const project = useProject();
  const [open, setOpen] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const [restored, setRestored] = useState(false);
  const env = revision.environment ? project.environment(revision.environment) : undefined;
  const canRestore =
    RESTORABLE.has(revision.entityType) && project.canEdit(revision.environment ?? undefined);
  const reasonRequired = env?.protected ?? false;

  const restore = async (event: FormEvent) => {
    event.preventDefault();
    const restoredFlag = await run(async () => {
      // Restoring is a new edit of what is there now, so it carries the current version.
      const current = await request(RestoreTargetQuery, { project: project.key, flag: revision.entityKey });
      const expectedVersion =
        revision.entityType === 'flag'
          ? current.flag.version
          : (current.flag.configs.find((c) => c.environment === revision.environment)?.version ?? 0);
      return request(RestoreFlagRevisionMutation, {
        project: project.key,
        revision: revision.id,
        expectedVersion,
        reason: reason.trim() || null,
      });
    });
    if (!restoredFlag) return;
    setRestoring(false);
    setRestored(true);
  };

  const diffId = `revision-${revision.id}-diff`;
  // Names targets and weights by their variation in a configuration's diff.
  const describedState =
    revision.entityType === 'flagConfig'
      ? ((revision.after as Partial<FlagConfigDraft> | null) ?? undefined)
      : undefined;
  return (
    <li className="revision">
      <div className="revision__head">
        <time dateTime={revision.createdAt} className="revision__time">
          {new Date(revision.createdAt).toLocaleString()}
        </time>
        <span className="revision__what">
          <span className="badge">{revision.action}</span> {revision.entityType}{' '}
          <button type="button" className="linklike" onClick={() => onFilter({ flag: revision.entityKey })}>
            {revision.entityKey}
          </button>
          {revision.environment && (
            <>
              {' in '}
              <button
                type="button"
                className="linklike"
                onClick={() => onFilter({ env: revision.environment! })}
              >
                {env?.name ?? revision.environment}
              </button>
            </>
          )}
        </span>
        <span className="revision__actor">
          by{' '}
          <button type="button" className="linklike" onClick={() => onFilter({ actor: revision.actor })}>
            {revision.actor}
          </button>
        </span>
      </div>
      <p className={revision.reason ? 'revision__reason' : 'revision__reason muted'}>
        {revision.reason ? `“${revision.reason}”` : 'No reason given.'}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--small"
          aria-expanded={open}
          aria-controls={diffId}
          onClick={() => setOpen(!open)}
        >
          {open ? 'Hide' : 'Show'} {revision.diff.length} change{revision.diff.length === 1 ? '' : 's'}
        </button>
        {canRestore && !restoring && !restored && (
          <button
            type="button"
            className="button button--small button--quiet"
            onClick={() => setRestoring(true)}
          >
            Restore this state…
          </button>
        )}
        {restored && <span className="badge badge--success">restored as a new revision</span>}
      </div>
      {open && (
        <div id={diffId}>
          <DiffList
            caption={`Changes of ${revision.entityType} ${revision.entityKey}`}
            changes={revision.diff}
            describe={(path) => describePath(path, describedState)}
            format={formatValue}
          />
        </div>
      )}
      {restoring && (
        <form className="restore" onSubmit={restore}>
          <p>
            Puts {revision.entityKey} back as it was after this change, recorded as a new revision
            {revision.environment ? ` in ${env?.name ?? revision.environment}` : ''}.
          </p>
          <div className="field">
            <label htmlFor={`restore-reason-${revision.id}`}>
              Reason {reasonRequired ? '(required: protected environment)' : '(optional)'}
            </label>
            <input
              id={`restore-reason-${revision.id}`}
              value={reason}
              required={reasonRequired}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          {error && <ErrorNotice error={error} />}
          <div className="actions">
            <button
              className="button button--primary"
              type="submit"
              disabled={busy || (reasonRequired && !reason.trim())}
            >
              {busy ? 'Restoring…' : 'Restore'}
            </button>
            <button className="button" type="button" onClick={() => setRestoring(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
