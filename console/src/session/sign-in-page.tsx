import { useState, type FormEvent } from 'react';
import { request } from '../graphql/request.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { useAction } from '../ui/use-action.js';
import { ProjectsQuery } from './projects-query.js';
import { useSession } from './session-context.js';

/** Sign-in with an admin token; the token is checked against the server before it is kept. */
export function SignInPage() {
  const session = useSession();
  const [token, setToken] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = token.trim();
    if (!value) return;
    // Checked before it is kept: a wrong token is said here, not by the first page.
    if (await run(() => request(ProjectsQuery, {}, { token: value }))) session.signIn(value);
  };

  return (
    <main className="sign-in" id="main">
      <form className="card sign-in__card" onSubmit={submit} aria-labelledby="sign-in-title">
        <p className="brand brand--large" aria-hidden="true">
          <span className="brand__mark">⚑</span> Flagstaff
        </p>
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">
          Use an admin token. The first start of the server printed an owner token;{' '}
          <code>npm run token:create</code> makes another.
        </p>
        {session.notice && (
          <p className="notice notice--warning" role="status">
            {session.notice}
          </p>
        )}
        <div className="field">
          <label htmlFor="token">Admin token</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="fsa_…"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
            autoFocus
          />
          <p className="hint">Kept in this tab only (session storage) until you sign out.</p>
        </div>
        {error && (
          <ErrorNotice
            error={error}
            messages={{
              UNAUTHENTICATED: 'The server does not accept this token. Check it, or make a new one.',
            }}
          />
        )}
        <button className="button button--primary" type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
