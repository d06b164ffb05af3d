import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { ConfigType } from '../graphql/generated/graphql.js';
import { GraphQLRequestError } from '../graphql/graphql-request-error.js';
import { request } from '../graphql/request.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { FormActions } from '../ui/form-actions.js';
import { TextField } from '../ui/text-field.js';
import { formatTypedValue, parseTypedValue } from '../ui/typed-value.js';
import { useAction } from '../ui/use-action.js';
import type { ConfigEntry } from './config-page.js';

const SetConfigEntryMutation = graphql(`
  mutation SetConfigEntry(
    $project: String!
    $environment: String!
    $expectedVersion: Int
    $reason: String
    $input: ConfigEntryInput!
  ) {
    setConfigEntry(
      project: $project
      environment: $environment
      expectedVersion: $expectedVersion
      reason: $reason
      input: $input
    ) {
      key
      version
    }
  }
`);

const SetSecretMutation = graphql(`
  mutation SetSecret(
    $project: String!
    $environment: String!
    $expectedVersion: Int
    $reason: String
    $input: SecretInput!
  ) {
    setSecret(
      project: $project
      environment: $environment
      expectedVersion: $expectedVersion
      reason: $reason
      input: $input
    ) {
      key
      version
    }
  }
`);

const TYPES: readonly ConfigType[] = ['STRING', 'NUMBER', 'BOOLEAN', 'JSON'];

/** Creates or changes a value or a secret. A secret's field starts empty: its value is never read back. */
export function EntryForm({
  environment,
  secret,
  entry,
  reasonRequired,
  onDone,
  onCancel,
}: {
  environment: string;
  secret: boolean;
  /** The entry being changed; null for a new one. */
  entry: ConfigEntry | null;
  reasonRequired: boolean;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const project = useProject();
  const [key, setKey] = useState(entry?.key ?? '');
  const [type, setType] = useState<ConfigType>(entry?.type ?? 'STRING');
  const [value, setValue] = useState(entry && !secret ? formatTypedValue(entry.type, entry.value) : '');
  const [description, setDescription] = useState(entry?.description ?? '');
  const [clientSide, setClientSide] = useState(entry?.clientSide ?? false);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const common = {
      project: project.key,
      environment,
      expectedVersion: entry?.version ?? null,
      reason: reason.trim() || null,
    };
    const saved = await run(async () => {
      if (secret) {
        await request(SetSecretMutation, { ...common, input: { key: key.trim(), value, description } });
        return true;
      }
      const parsed = parseTypedValue(type, value);
      if (!parsed.ok) throw new GraphQLRequestError(`The value ${parsed.message}.`, 'BAD_USER_INPUT');
      await request(SetConfigEntryMutation, {
        ...common,
        input: { key: key.trim(), type, value: parsed.value, description, clientSide },
      });
      return true;
    });
    if (saved) onDone(entry ? `Saved ${key}.` : `Created ${key}.`);
  };

  const title = entry
    ? secret
      ? `New value for ${entry.key}`
      : `Edit ${entry.key}`
    : secret
      ? 'New secret'
      : 'New value';
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="entry-form-title">
      <h2 id="entry-form-title">{title}</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="entry-key">Key</label>
          <input
            id="entry-key"
            value={key}
            required
            readOnly={entry !== null}
            spellCheck={false}
            onChange={(e) => setKey(e.target.value)}
          />
        </div>
        {!secret && (
          <div className="field">
            <label htmlFor="entry-type">Type</label>
            <select id="entry-type" value={type} onChange={(e) => setType(e.target.value as ConfigType)}>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {t.toLowerCase()}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field field--wide">
          <label htmlFor="entry-value">{secret ? 'Secret value' : 'Value'}</label>
          {secret ? (
            <input
              id="entry-value"
              type="password"
              autoComplete="new-password"
              value={value}
              required
              aria-describedby="entry-value-hint"
              onChange={(e) => setValue(e.target.value)}
            />
          ) : type === 'BOOLEAN' ? (
            <select id="entry-value" value={value} required onChange={(e) => setValue(e.target.value)}>
              <option value="">Choose…</option>
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : type === 'JSON' ? (
            <textarea
              id="entry-value"
              className="code"
              rows={4}
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          ) : (
            <input
              id="entry-value"
              type={type === 'NUMBER' ? 'number' : 'text'}
              step="any"
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
          {secret && (
            <p className="hint" id="entry-value-hint">
              Encrypted before it is stored. Nobody can read it back here: to change it, set a new value.
            </p>
          )}
        </div>
        <TextField
          id="entry-description"
          label="Description"
          wide
          value={description}
          onValue={setDescription}
        />
        {!secret && (
          <label className="checkbox">
            <input type="checkbox" checked={clientSide} onChange={(e) => setClientSide(e.target.checked)} />
            Also deliver to client-side (browser) SDK keys
          </label>
        )}
        {reasonRequired && (
          <TextField
            id="entry-reason"
            label="Reason (required: this environment is protected)"
            wide
            value={reason}
            required
            onValue={setReason}
          />
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      <FormActions submitLabel="Save" busyLabel="Saving…" busy={busy} onCancel={onCancel} />
    </form>
  );
}
