// Evaluation results. Every detail a flag can produce without the caller's default is built at
// compile time and frozen, so evaluation hands out shared objects instead of allocating.
import type { ErrorCode, EvaluationDetail, FlagMetadata, FlagValue, Reason } from './model.js';

export const EMPTY_METADATA: FlagMetadata = Object.freeze({});

/** One way a flag can end for a context. Shared and immutable: evaluation allocates none. */
export class Resolution {
  /** The detail when a variation is served; undefined when the caller's default is. */
  readonly detail: EvaluationDetail<FlagValue> | undefined;
  private defaultFalse: EvaluationDetail<boolean> | undefined;
  private defaultTrue: EvaluationDetail<boolean> | undefined;

  constructor(
    /** Index of the served variation, or -1 when the caller's default is returned. */
    readonly variation: number,
    readonly value: FlagValue | undefined,
    readonly variant: string | undefined,
    readonly reason: Reason,
    readonly errorCode: ErrorCode | undefined,
    readonly errorMessage: string | undefined,
    readonly flagMetadata: FlagMetadata,
  ) {
    this.detail =
      variation >= 0
        ? makeDetail(value as FlagValue, variant, reason, errorCode, errorMessage, flagMetadata)
        : undefined;
  }

  /** The detail carrying the caller's default; booleans are cached so a disabled flag costs nothing. */
  withDefault<T>(defaultValue: T): EvaluationDetail<T> {
    if (defaultValue === true) return (this.defaultTrue ??= this.carrying(true)) as EvaluationDetail<T>;
    if (defaultValue === false) return (this.defaultFalse ??= this.carrying(false)) as EvaluationDetail<T>;
    return this.carrying(defaultValue);
  }

  private carrying<T>(value: T): EvaluationDetail<T> {
    return makeDetail(value, undefined, this.reason, this.errorCode, this.errorMessage, this.flagMetadata);
  }
}

/** Every detail has the same keys in the same order, so callers' code stays monomorphic. */
export function makeDetail<T>(
  value: T,
  variant: string | undefined,
  reason: Reason,
  errorCode: ErrorCode | undefined,
  errorMessage: string | undefined,
  flagMetadata: FlagMetadata,
): EvaluationDetail<T> {
  return Object.freeze({ value, variant, reason, errorCode, errorMessage, flagMetadata });
}
