import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { ConfigEntriesQuery } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { ConfirmAction } from '../ui/confirm-action.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { StatusMessage } from '../ui/status-message.js';
import { useAction } from '../ui/use-action.js';
import { EntryForm } from './entry-form.js';

const ConfigEntriesQueryDocument = graphql(`
  query ConfigEntries($project: String!, $environment: String!) {
    configEntries(project: $project, environment: $environment) {
      key
      type
      value
      maskedValue
      secret
      clientSide
      description
      version
      updatedAt
    }
  }
`);

const DeleteConfigEntryMutation = graphql(`
  mutation DeleteConfigEntry(
    $project: String!
    $environment: String!
    $key: String!
    $expectedVersion: Int!
    $reason: String
  ) {
    deleteConfigEntry(
      project: $project
      environment: $environment
      key: $key
      expectedVersion: $expectedVersion
      reason: $reason
    )
  }
`);

export type ConfigEntry = ConfigEntriesQuery['configEntries'][number];

type Editing = { mode: 'new-entry' } | { mode: 'new-secret' } | { mode: 'edit'; entry: ConfigEntry };

/** An environment's configuration values and secrets. Secrets show a mask; a new value can be set, never read. */
export function ConfigPage({ environment }: { environment: string }) {
  const project = useProject();
  const env = project.environment(environment);
  const entries = useQuery(
    ConfigEntriesQueryDocument,
    { project: project.key, environment },
    { refreshKey: env?.version },
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const [reason, setReason] = useState('');
  const removal = useAction();
  const [status, setStatus] = useState('');
  const canEdit = project.canEdit(environment);
  const needsReason = env?.protected ?? false;
  const remove = async (entry: ConfigEntry) => {
    const removed = await removal.run(() =>
      request(DeleteConfigEntryMutation, {
        project: project.key,
        environment,
        key: entry.key,
        expectedVersion: entry.version,
        reason: reason.trim() || null,
      }),
    );
    if (removed === undefined) return false;
    setReason('');
    setStatus(`Deleted ${entry.key}.`);
    entries.reload();
    return true;
  };

  const done = (message: string) => {
    setEditing(null);
    setStatus(message);
    entries.reload();
  };

  const list = entries.data?.configEntries ?? [];
  return (
    <>
      <PageHeader
        title={
          <>
            Configuration <span className="muted">in {env?.name ?? environment}</span>
          </>
        }
        documentTitle={`Configuration · ${env?.name ?? environment}`}
        lead={
          <p className="muted">
            Typed values SDKs read beside flags. Secrets are encrypted, reach only server SDK keys and are
            never shown again.
          </p>
        }
        actions={
          canEdit &&
          !editing && (
            <div className="actions">
              <button
                className="button button--primary"
                type="button"
                onClick={() => setEditing({ mode: 'new-entry' })}
              >
                New value
              </button>
              <button className="button" type="button" onClick={() => setEditing({ mode: 'new-secret' })}>
                New secret
              </button>
            </div>
          )
        }
      />
      {!canEdit && (
        <p className="notice notice--info" role="note">
          {project.role === 'VIEWER'
            ? 'Your token is a viewer here: you can look at everything but change nothing.'
            : `${env?.name ?? environment} is protected: changes there need an owner token.`}
        </p>
      )}
      <StatusMessage message={status} />
      {editing && (
        <EntryForm
          environment={environment}
          secret={editing.mode === 'new-secret' || (editing.mode === 'edit' && editing.entry.secret)}
          entry={editing.mode === 'edit' ? editing.entry : null}
          reasonRequired={needsReason}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      )}
      {entries.error && <ErrorNotice error={entries.error} />}
      {removal.error && <ErrorNotice error={removal.error} />}
      {entries.loading ? (
        <Loading what="configuration" />
      ) : list.length === 0 ? (
        <EmptyState title={`${env?.name ?? environment} has no configuration yet.`}>
          {canEdit
            ? 'Add a value (a string, number, boolean or JSON) or a secret: server SDKs read them with the flags.'
            : 'An editor of this project can add values and secrets.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Configuration of {env?.name}</caption>
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Type</th>
                <th scope="col">Value</th>
                <th scope="col">Delivered to</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((entry) => (
                <tr key={entry.key}>
                  <th scope="row">
                    <code>{entry.key}</code>
                    {entry.description && <div className="muted">{entry.description}</div>}
                  </th>
                  <td>
                    {entry.secret ? (
                      <span className="badge badge--warning">secret</span>
                    ) : (
                      entry.type.toLowerCase()
                    )}
                  </td>
                  <td className="value-cell">
                    {entry.secret ? (
                      <span className="masked" aria-label="Secret value, hidden">
                        {entry.maskedValue}
                      </span>
                    ) : (
                      <code>{JSON.stringify(entry.value)}</code>
                    )}
                  </td>
                  <td>{entry.clientSide ? 'server and client keys' : 'server keys'}</td>
                  <td className="actions-cell">
                    {canEdit && (
                      <div className="actions">
                        <button
                          className="button button--small"
                          type="button"
                          onClick={() => setEditing({ mode: 'edit', entry })}
                        >
                          {entry.secret ? 'Set a new value' : 'Edit'}{' '}
                          <span className="visually-hidden">{entry.key}</span>
                        </button>
                        <ConfirmAction
                          small
                          label={
                            <>
                              Delete… <span className="visually-hidden">{entry.key}</span>
                            </>
                          }
                          confirmLabel={`Delete ${entry.key}`}
                          onConfirm={() => remove(entry)}
                          ready={!needsReason || reason.trim() !== ''}
                          extra={
                            needsReason && (
                              <input
                                aria-label={`Reason for deleting ${entry.key} (required)`}
                                placeholder="Reason (required)"
                                value={reason}
                                onChange={(e) => setReason(e.target.value)}
                              />
                            )
                          }
                        />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
