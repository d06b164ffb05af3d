// What the client reports through its `error` event and logger. It is never thrown into the host.

export type FlagstaffErrorCode =
  /** An option was invalid and replaced by its default. */
  | 'INVALID_OPTION'
  /** The bootstrap file or object could not be used. */
  | 'BOOTSTRAP'
  /** The server refused the SDK key (401/403). */
  | 'UNAUTHENTICATED'
  /** Another unexpected HTTP status. */
  | 'HTTP'
  /** Connection refused, reset, DNS failure… */
  | 'NETWORK'
  /** No answer within timeoutMs, or an idle stream. */
  | 'TIMEOUT'
  /** The server sent something the protocol does not allow (bad JSON, bad snapshot or patch). */
  | 'PROTOCOL'
  /** An event listener threw or rejected. */
  | 'LISTENER';

export class FlagstaffError extends Error {
  override readonly name = 'FlagstaffError';
  /** The HTTP status, for UNAUTHENTICATED and HTTP. */
  readonly status: number | undefined;

  constructor(
    readonly code: FlagstaffErrorCode,
    message: string,
    options: { cause?: unknown; status?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
  }
}
