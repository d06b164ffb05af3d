import { useState, type FormEvent } from 'react';
import type { GraphQLRequestError } from '../graphql/graphql-request-error.js';
import { DiffList, type Change } from '../ui/diff-list.js';
import { ErrorNotice } from '../ui/error-notice.js';

/**
 * The last step of every change: what it changes, why (required where the environment is
 * protected), and the button that sends it.
 */
export function SaveReview({
  title,
  changes,
  describe,
  format,
  reasonRequired,
  environmentName,
  saveLabel,
  cancelLabel = 'Back to editing',
  busy,
  error,
  onSave,
  onCancel,
}: {
  title: string;
  changes: readonly Change[];
  describe?: (path: string) => string;
  format?: (value: unknown, path: string) => string;
  reasonRequired: boolean;
  environmentName: string;
  saveLabel: string;
  cancelLabel?: string;
  busy: boolean;
  error: GraphQLRequestError | null;
  onSave: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(reason.trim());
  };
  const id = title.replace(/\W+/g, '-').toLowerCase();
  return (
    <form className="card review" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <DiffList changes={changes} describe={describe} format={format} caption={title} />
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          Reason{' '}
          <span className="muted">
            {reasonRequired
              ? `(required: ${environmentName} is protected)`
              : '(optional; recorded in the audit log)'}
          </span>
        </label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          value={reason}
          required={reasonRequired}
          maxLength={2000}
          placeholder="e.g. ramp to 25 % after a clean day at 10 %"
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      {error && <ErrorNotice error={error} describePath={describe} />}
      <div className="actions">
        <button
          className="button button--primary"
          type="submit"
          disabled={busy || changes.length === 0 || (reasonRequired && !reason.trim())}
        >
          {busy ? 'Saving…' : saveLabel}
        </button>
        <button className="button" type="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
