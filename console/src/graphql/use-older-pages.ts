import { useState } from 'react';
import type { TypedDocumentString } from './generated/graphql.js';
import type { GraphQLRequestError } from './graphql-request-error.js';
import { request } from './request.js';
import { useQuery, type QueryState } from './use-query.js';

/** Rows of a newest-first list and where the rows after them start, as the API's connections answer. */
export interface NewestFirstPage<TRow> {
  readonly nodes: readonly TRow[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

/**
 * `newer`'s rows, then those of `older` it does not hold (`newer`'s copies are the fresher); the
 * list goes on where `older` ends.
 */
export function joinPages<TRow extends { id: string }>(
  newer: NewestFirstPage<TRow>,
  older: NewestFirstPage<TRow>,
): NewestFirstPage<TRow> {
  const held = new Set(newer.nodes.map((row) => row.id));
  return {
    nodes: [...newer.nodes, ...older.nodes.filter((row) => !held.has(row.id))],
    pageInfo: older.pageInfo,
  };
}

/**
 * Whether older rows loaded earlier still follow the live first page. Once more than a page of new
 * rows pushed the first page past them, they do not: shown below it, the hole between the two would
 * go unnoticed.
 */
export function stillFollows<TRow extends { id: string }>(
  first: NewestFirstPage<TRow>,
  older: NewestFirstPage<TRow>,
): boolean {
  const last = first.nodes.at(-1);
  return first.pageInfo.hasNextPage && older.nodes.some((row) => row.id === last?.id);
}

/** The list read again from the top down to the page that holds row `id` (or to its end). */
export async function readDownTo<TRow extends { id: string }>(
  readPage: (after: string | null) => Promise<NewestFirstPage<TRow>>,
  id: string,
): Promise<NewestFirstPage<TRow>> {
  let read = await readPage(null);
  while (read.pageInfo.hasNextPage && !read.nodes.some((row) => row.id === id)) {
    read = joinPages(read, await readPage(read.pageInfo.endCursor));
  }
  return read;
}

export interface OlderPagesState<TResult, TRow> {
  /** The first page's query: its loading and error, and the rest of its answer. */
  readonly first: QueryState<TResult>;
  /** What to show, newest first: the first page, then the older pages asked for. */
  readonly rows: readonly TRow[];
  /** Whether the list goes on past `rows`. */
  readonly hasOlder: boolean;
  readonly loadingOlder: boolean;
  /** How reading older rows failed the last time. */
  readonly olderError: GraphQLRequestError | undefined;
  /** Appends the next page below `rows`. */
  readonly loadOlder: () => void;
  /** Reads the first page and every older row shown again, after a change made here. */
  readonly reload: () => void;
}

/**
 * A newest-first list the API pages with `first`/`after`: the first page refreshes with
 * `refreshKey` (live pages), older pages are appended on demand and kept across refreshes, each
 * row once. Other variables start the list over.
 */
export function useOlderPages<
  TResult,
  TVariables extends { after?: string | null },
  TRow extends { id: string },
>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: Omit<TVariables, 'after'>,
  list: (data: TResult) => NewestFirstPage<TRow>,
  options: { refreshKey?: unknown } = {},
): OlderPagesState<TResult, TRow> {
  const first = useQuery(document, { ...variables, after: null } as TVariables, options);
  const key = JSON.stringify(variables);
  const [state, setState] = useState<OlderState<TRow>>({ key, loading: false });
  // Older rows of other variables are not this list's.
  const older = state.key === key ? state : { key, loading: false };
  const firstPage = first.data && list(first.data);
  const loaded = firstPage && older.page && stillFollows(firstPage, older.page) ? older.page : undefined;
  const shown = firstPage && loaded ? joinPages(firstPage, loaded) : firstPage;

  const readPage = (after: string | null) =>
    request(document, { ...variables, after } as TVariables).then(list);
  // An answer for other variables than those now shown is dropped.
  const settle = (update: (current: OlderState<TRow>) => OlderState<TRow>) =>
    setState((current) => (current.key === key ? update(current) : current));
  const failed = (error: unknown) =>
    settle((current) => ({ ...current, loading: false, error: error as GraphQLRequestError }));

  const loadOlder = () => {
    if (!shown?.pageInfo.hasNextPage) return;
    setState({ key, page: older.page, loading: true });
    // All that is shown now is kept: rows the first page drops as new ones arrive stay in view.
    readPage(shown.pageInfo.endCursor).then(
      (page) => settle(() => ({ key, page: joinPages(shown, page), loading: false })),
      failed,
    );
  };

  const reload = () => {
    first.reload();
    const oldest = loaded?.nodes.at(-1);
    if (!oldest) return;
    readDownTo(readPage, oldest.id).then(
      // Older rows appended while this read ran stay below what it read.
      (fresh) => settle((current) => ({ ...current, page: current.page && joinPages(fresh, current.page) })),
      failed,
    );
  };

  return {
    first,
    rows: shown?.nodes ?? [],
    hasOlder: shown?.pageInfo.hasNextPage ?? false,
    loadingOlder: older.loading,
    olderError: older.error,
    loadOlder,
    reload,
  };
}

interface OlderState<TRow> {
  /** The variables the rows belong to, as JSON. */
  readonly key: string;
  /** Every row shown when older ones were last asked for, then those older ones. */
  readonly page?: NewestFirstPage<TRow>;
  readonly loading: boolean;
  readonly error?: GraphQLRequestError;
}
