import { useCallback, useEffect, useState } from 'react';
import type { TypedDocumentString } from './generated/graphql.js';
import type { GraphQLRequestError } from './graphql-request-error.js';
import { request } from './request.js';

export interface QueryState<TResult> {
  /** The last answer for these variables; kept while a refresh is in flight. */
  readonly data: TResult | undefined;
  readonly error: GraphQLRequestError | undefined;
  /** True until the first answer for these variables arrives. */
  readonly loading: boolean;
  /** Asks again, keeping what is shown until the answer arrives. */
  readonly reload: () => void;
}

/**
 * Runs a query and runs it again when its variables change (showing nothing stale from other
 * variables) or when `refreshKey` changes (quietly, keeping the current data: live refresh).
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { refreshKey?: unknown; skip?: boolean } = {},
): QueryState<TResult> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<{ key: string; data?: TResult; error?: GraphQLRequestError }>({ key });
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    if (options.skip) return;
    const abort = new AbortController();
    // Variables are JSON, so the key is them: the effect depends on their value, not identity.
    request(document, JSON.parse(key) as TVariables, { signal: abort.signal }).then(
      (data) => setState({ key, data }),
      (error: unknown) => {
        if (abort.signal.aborted) return;
        setState((previous) => ({
          key,
          data: previous.key === key ? previous.data : undefined,
          error: error as GraphQLRequestError,
        }));
      },
    );
    return () => abort.abort();
  }, [document, key, options.refreshKey, options.skip, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const current = state.key === key;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: !options.skip && (!current || (state.data === undefined && state.error === undefined)),
    reload,
  };
}
