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
  readonly code: FlagstaffErrorCode;
  /** The HTTP status, for UNAUTHENTICATED and HTTP. */
  readonly status: number | undefined;

  constructor(code: FlagstaffErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    // Error takes `cause` from the options, and only when they have one.
    super(message, options);
    this.code = code;
    this.status = options.status;
  }
}

// What a thrown value says: the evaluator's helper, for the client layer and the SDKs too.
export { messageOf } from '../detail.js';
