/** A problem the server found in an input, at a JSON Pointer path into the argument. */
export interface InputProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** What the admin API answered instead of data: its `extensions.code` and what comes with it. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** BAD_USER_INPUT, NOT_FOUND, CONFLICT, FORBIDDEN, UNAUTHENTICATED, … or NETWORK. */
    readonly code: string,
    readonly problems: readonly InputProblem[] = [],
    /** Set on CONFLICT for a stale expectedVersion. */
    readonly currentVersion: number | null = null,
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}
