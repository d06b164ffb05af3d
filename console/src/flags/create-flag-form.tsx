import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import type { FlagKind } from '../graphql/generated/graphql.js';
import { GraphQLRequestError } from '../graphql/graphql-request-error.js';
import { request } from '../graphql/request.js';
import { navigate } from '../router/router.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { FormActions } from '../ui/form-actions.js';
import { useAction } from '../ui/use-action.js';
import { TextField } from '../ui/text-field.js';
import { parseTypedValue } from '../ui/typed-value.js';

const CreateFlagMutation = graphql(`
  mutation CreateFlag($project: String!, $input: CreateFlagInput!) {
    createFlag(project: $project, input: $input) {
      key
    }
  }
`);

const KINDS: ReadonlyArray<{ kind: FlagKind; label: string }> = [
  { kind: 'BOOLEAN', label: 'Boolean (on / off)' },
  { kind: 'STRING', label: 'String' },
  { kind: 'NUMBER', label: 'Number' },
  { kind: 'JSON', label: 'JSON' },
];

/** "New checkout" → "new-checkout": a key people would have typed. */
const keyFrom = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** A new flag: off in every environment until someone turns it on. */
export function CreateFlagForm({ onCancel, environment }: { onCancel: () => void; environment: string }) {
  const project = useProject();
  const [name, setName] = useState('');
  const [key, setKey] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const [kind, setKind] = useState<FlagKind>('BOOLEAN');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [temporary, setTemporary] = useState(true);
  const [clientSide, setClientSide] = useState(false);
  const [variations, setVariations] = useState([
    { key: 'control', value: '' },
    { key: 'treatment', value: '' },
  ]);
  const [offVariation, setOffVariation] = useState('control');
  const { busy, error, setError, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed =
      kind === 'BOOLEAN'
        ? []
        : variations.map((v) => ({ key: v.key.trim(), parsed: parseTypedValue(kind, v.value) }));
    const bad = typed.find((v) => !v.parsed.ok);
    if (bad && !bad.parsed.ok) {
      setError(new GraphQLRequestError(`Variation “${bad.key}”: ${bad.parsed.message}`, 'BAD_USER_INPUT'));
      return;
    }
    const created = await run(() =>
      request(CreateFlagMutation, {
        project: project.key,
        input: {
          key: key.trim(),
          name: name.trim(),
          kind,
          description: description.trim() || null,
          tags: tags
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          temporary,
          clientSide,
          ...(kind === 'BOOLEAN'
            ? {}
            : {
                variations: typed.map((v) => ({ key: v.key, value: v.parsed.ok ? v.parsed.value : null })),
                offVariation,
              }),
        },
      }),
    );
    if (created) navigate(paths.flag(project.key, created.createFlag.key, environment));
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-flag-title">
      <h2 id="new-flag-title">New flag</h2>
      <div className="form-grid">
        <TextField
          id="flag-name"
          label="Name"
          value={name}
          required
          autoFocus
          onValue={(value) => {
            setName(value);
            if (!keyTouched) setKey(keyFrom(value));
          }}
        />
        <TextField
          id="flag-key"
          label="Key"
          value={key}
          required
          spellCheck={false}
          hint="What code asks for. Letters, digits, ., - and _; it cannot change later."
          onValue={(value) => {
            setKeyTouched(true);
            setKey(value);
          }}
        />
        <div className="field">
          <label htmlFor="flag-kind">Kind</label>
          <select id="flag-kind" value={kind} onChange={(e) => setKind(e.target.value as FlagKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="flag-tags"
          label="Tags"
          value={tags}
          placeholder="checkout, team-payments"
          hint="Separated by commas."
          onValue={setTags}
        />
        <TextField
          id="flag-description"
          label="Description"
          wide
          value={description}
          onValue={setDescription}
        />
      </div>
      {kind !== 'BOOLEAN' && (
        <fieldset className="fieldset">
          <legend>Variations</legend>
          {variations.map((v, i) => (
            <div className="row" key={i}>
              <div className="field">
                <label htmlFor={`variation-key-${i}`}>Key of variation {i + 1}</label>
                <input
                  id={`variation-key-${i}`}
                  value={v.key}
                  required
                  onChange={(e) =>
                    setVariations(variations.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))
                  }
                />
              </div>
              <div className="field field--grow">
                <label htmlFor={`variation-value-${i}`}>Value of variation {i + 1}</label>
                <input
                  id={`variation-value-${i}`}
                  value={v.value}
                  placeholder={kind === 'JSON' ? '{"limit": 10}' : kind === 'NUMBER' ? '10' : 'text'}
                  onChange={(e) =>
                    setVariations(variations.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))
                  }
                />
              </div>
              <button
                type="button"
                className="button button--quiet"
                disabled={variations.length <= 1}
                onClick={() => setVariations(variations.filter((_, j) => j !== i))}
              >
                Remove <span className="visually-hidden">variation {i + 1}</span>
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button"
            onClick={() =>
              setVariations([...variations, { key: `variation-${variations.length + 1}`, value: '' }])
            }
          >
            Add a variation
          </button>
          <div className="field">
            <label htmlFor="flag-off-variation">Served while off</label>
            <select
              id="flag-off-variation"
              value={offVariation}
              onChange={(e) => setOffVariation(e.target.value)}
            >
              {variations.map((v) => (
                <option key={v.key} value={v.key}>
                  {v.key}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      )}
      <div className="row">
        <label className="checkbox">
          <input type="checkbox" checked={temporary} onChange={(e) => setTemporary(e.target.checked)} />
          Temporary (a release flag, to be removed once released)
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={clientSide} onChange={(e) => setClientSide(e.target.checked)} />
          Available to client-side (browser) SDK keys
        </label>
      </div>
      {error && <ErrorNotice error={error} />}
      <FormActions submitLabel="Create flag" busyLabel="Creating…" busy={busy} onCancel={onCancel} />
    </form>
  );
}
