import { useCallback, useState } from 'react';
import type { GraphQLRequestError } from '../graphql/graphql-request-error.js';

/** A user action that calls the API: whether it is running, and how it failed the last time. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  /**
   * Runs `work`; resolves with its result, or undefined once its failure is in `error` (and
   * given to `failed`, for callers that act on the kind of failure right away).
   */
  const run = useCallback(
    async <T>(work: () => Promise<T>, failed?: (error: GraphQLRequestError) => void) => {
      setBusy(true);
      setError(null);
      try {
        return await work();
      } catch (caught) {
        setError(caught as GraphQLRequestError);
        failed?.(caught as GraphQLRequestError);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [],
  );
  return { busy, error, setError, run };
}
