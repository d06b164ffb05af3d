/** The codes the GraphQL and REST edges expose; each maps to one HTTP status there. */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  // Release records and their pipeline hooks (server/src/releases, server/src/hooks).
  | 'ARTIFACT_CONFLICT'
  | 'INVALID_STAGE_TRANSITION'
  | 'INVALID_STATUS_TRANSITION'
  | 'INVALID_SIGNATURE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'IDEMPOTENCY_IN_PROGRESS';

/**
 * What services throw for a caller's mistake. The edges map these once to GraphQL extension codes
 * and HTTP statuses; anything that is not a DomainError is a bug and is reported as INTERNAL.
 */
export abstract class DomainError extends Error {
  abstract readonly code: DomainErrorCode;

  /** Extra machine-readable facts for the client (field paths, current version). */
  details(): Record<string, unknown> {
    return {};
  }
}
