import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { TokenKind } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { ConfirmAction } from '../ui/confirm-action.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { PageHeader } from '../ui/page-header.js';
import { useAction } from '../ui/use-action.js';
import { CreateTokenForm } from './create-token-form.js';
import { NewSecret } from './new-secret.js';

const TokensQuery = graphql(`
  query Tokens($project: String!, $includeRevoked: Boolean!) {
    tokens(project: $project, includeRevoked: $includeRevoked) {
      id
      name
      kind
      role
      environment
      prefix
      createdAt
      createdBy
      lastUsedAt
      revokedAt
    }
  }
`);

const RevokeTokenMutation = graphql(`
  mutation RevokeToken($project: String!, $id: ID!) {
    revokeToken(project: $project, id: $id) {
      id
      revokedAt
    }
  }
`);

const KIND_LABELS: Record<TokenKind, string> = {
  ADMIN: 'admin',
  SERVER: 'server SDK key',
  CLIENT: 'client SDK key',
  PIPELINE: 'pipeline',
};

/** Admin tokens, SDK keys and pipeline tokens: created by owners, shown once, revoked here. */
export function TokensPage() {
  const project = useProject();
  const [showRevoked, setShowRevoked] = useState(false);
  const tokens = useQuery(TokensQuery, { project: project.key, includeRevoked: showRevoked });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const revocation = useAction();
  const owner = project.role === 'OWNER';

  const revoke = async (id: string) => {
    const revoked = await revocation.run(() => request(RevokeTokenMutation, { project: project.key, id }));
    if (revoked === undefined) return false;
    tokens.reload();
    return true;
  };

  const list = tokens.data?.tokens ?? [];
  return (
    <>
      <PageHeader
        title="Tokens"
        documentTitle={`Tokens · ${project.name}`}
        lead={
          <p className="muted">
            Admin tokens open this console and the API; SDK keys serve flags to applications; pipeline tokens
            record releases. Only a prefix is kept in view: the whole secret is shown once, when it is
            created.
          </p>
        }
      />
      {created && (
        <NewSecret name={created.name} secret={created.secret} onDismiss={() => setCreated(null)} />
      )}
      {owner ? (
        <CreateTokenForm
          onCreated={(name, secret) => {
            setCreated({ name, secret });
            tokens.reload();
          }}
        />
      ) : (
        <p className="notice notice--info" role="note">
          Only owners create and revoke tokens. You can see which exist.
        </p>
      )}
      <div className="toolbar">
        <label className="checkbox">
          <input type="checkbox" checked={showRevoked} onChange={(e) => setShowRevoked(e.target.checked)} />
          Show revoked tokens
        </label>
      </div>
      {tokens.error && <ErrorNotice error={tokens.error} />}
      {revocation.error && <ErrorNotice error={revocation.error} />}
      {tokens.loading ? (
        <Loading what="tokens" />
      ) : list.length === 0 ? (
        <EmptyState title="No tokens in this project yet.">
          {owner ? 'Create an SDK key above to connect an application.' : 'An owner can create them.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Tokens of {project.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Prefix</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <tr key={t.id} className={t.revokedAt ? 'row--revoked' : undefined}>
                  <th scope="row">
                    {t.name}
                    {t.createdBy && <div className="muted">by {t.createdBy}</div>}
                  </th>
                  <td>
                    {KIND_LABELS[t.kind]}
                    {t.role && <span className="badge">{t.role.toLowerCase()}</span>}
                    {t.environment && <span className="badge">{t.environment}</span>}
                  </td>
                  <td>
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{new Date(t.createdAt).toLocaleDateString()}</td>
                  <td>{t.lastUsedAt ? new Date(t.lastUsedAt).toLocaleString() : 'never'}</td>
                  <td className="actions-cell">
                    {t.revokedAt ? (
                      <span className="badge badge--muted">
                        revoked {new Date(t.revokedAt).toLocaleDateString()}
                      </span>
                    ) : (
                      owner && (
                        <ConfirmAction
                          small
                          label={
                            <>
                              Revoke… <span className="visually-hidden">{t.name}</span>
                            </>
                          }
                          confirmLabel={`Revoke ${t.name} now`}
                          onConfirm={() => revoke(t.id)}
                        />
                      )
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
