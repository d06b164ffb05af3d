import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { TokenRole } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { useAction } from '../ui/use-action.js';

const CreateAdminTokenMutation = graphql(`
  mutation CreateAdminToken($project: String!, $input: CreateAdminTokenInput!) {
    createAdminToken(project: $project, input: $input) {
      secret
    }
  }
`);

const CreateSdkKeyMutation = graphql(`
  mutation CreateSdkKey($project: String!, $environment: String!, $input: CreateSdkKeyInput!) {
    createSdkKey(project: $project, environment: $environment, input: $input) {
      secret
    }
  }
`);

const CreatePipelineTokenMutation = graphql(`
  mutation CreatePipelineToken($project: String!, $input: CreatePipelineTokenInput!) {
    createPipelineToken(project: $project, input: $input) {
      secret
    }
  }
`);

type What = 'SERVER' | 'CLIENT' | 'ADMIN' | 'PIPELINE';

const CHOICES: ReadonlyArray<{ what: What; label: string }> = [
  { what: 'SERVER', label: 'Server SDK key (one environment)' },
  { what: 'CLIENT', label: 'Client SDK key (one environment, browsers)' },
  { what: 'ADMIN', label: 'Admin token (console and API)' },
  { what: 'PIPELINE', label: 'Pipeline token (release hooks)' },
];

/** Creates any kind of token; the caller shows its secret once. */
export function CreateTokenForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const project = useProject();
  const [what, setWhat] = useState<What>('SERVER');
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState(project.environments[0]?.key ?? '');
  const [role, setRole] = useState<TokenRole>('VIEWER');
  const { busy, error, run } = useAction();

  /** The new token's secret, whichever kind it is. */
  const create = async (): Promise<string> => {
    if (what === 'ADMIN') {
      return (await request(CreateAdminTokenMutation, { project: project.key, input: { name, role } }))
        .createAdminToken.secret;
    }
    if (what === 'PIPELINE') {
      return (await request(CreatePipelineTokenMutation, { project: project.key, input: { name } }))
        .createPipelineToken.secret;
    }
    const input = { name, kind: what };
    return (await request(CreateSdkKeyMutation, { project: project.key, environment, input })).createSdkKey
      .secret;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const secret = await run(create);
    if (secret === undefined) return;
    onCreated(name, secret);
    setName('');
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-token-title">
      <h2 id="new-token-title">New token</h2>
      <div className="row row--end">
        <div className="field">
          <label htmlFor="token-what">Kind</label>
          <select id="token-what" value={what} onChange={(e) => setWhat(e.target.value as What)}>
            {CHOICES.map((c) => (
              <option key={c.what} value={c.what}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        {(what === 'SERVER' || what === 'CLIENT') && (
          <div className="field">
            <label htmlFor="token-environment">Environment</label>
            <select
              id="token-environment"
              value={environment}
              onChange={(e) => setEnvironment(e.target.value)}
            >
              {project.environments.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {what === 'ADMIN' && (
          <div className="field">
            <label htmlFor="token-role">Role</label>
            <select id="token-role" value={role} onChange={(e) => setRole(e.target.value as TokenRole)}>
              <option value="VIEWER">viewer: reads everything</option>
              <option value="EDITOR">editor: changes flags, segments, configuration</option>
              <option value="OWNER">owner: also tokens, protected environments</option>
            </select>
          </div>
        )}
        <div className="field field--grow">
          <label htmlFor="token-name">Name</label>
          <input
            id="token-name"
            value={name}
            required
            maxLength={200}
            placeholder="who or what uses it, e.g. checkout-service"
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button className="button button--primary" type="submit" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
