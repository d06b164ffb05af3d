import type { TypedDocumentString } from './generated/graphql.js';
import { tokenStorage } from '../session/token-storage.js';
import { GraphQLRequestError, type InputProblem } from './graphql-request-error.js';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; problems?: InputProblem[]; currentVersion?: number };
}

let onUnauthenticated: (message: string) => void = () => {};

/** Who to tell when the server stops accepting the session's token, wherever the request started. */
export function onTokenRefused(listener: (message: string) => void): void {
  onUnauthenticated = listener;
}

/**
 * One GraphQL operation against `/graphql`. Resolves with `data`; rejects with a
 * GraphQLRequestError carrying the first error's code (and problems or current version).
 */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { token?: string; signal?: AbortSignal } = {},
): Promise<TResult> {
  const token = options.token ?? tokenStorage.read();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new GraphQLRequestError('The server cannot be reached. Is it running?', 'NETWORK');
  }
  let body: { data?: TResult | null; errors?: GraphQLErrorBody[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLRequestError(`The server answered ${response.status} without JSON`, 'NETWORK');
  }
  const first = body.errors?.[0];
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    if (code === 'UNAUTHENTICATED' && !options.token) onUnauthenticated(first.message);
    throw new GraphQLRequestError(
      first.message,
      code,
      first.extensions?.problems ?? [],
      first.extensions?.currentVersion ?? null,
    );
  }
  return body.data as TResult;
}
