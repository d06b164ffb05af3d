// Evaluation results. Every detail a flag can produce without the caller's default is built at
// compile time and frozen, so evaluation hands out shared objects instead of allocating.
import type { ErrorCode, EvaluationDetail, FlagMetadata, FlagValue, Reason } from './model.js';

export const EMPTY_METADATA: FlagMetadata = Object.freeze({});

/** One way a flag can end for a context. Shared and immutable: evaluation allocates none. */
export class Resolution {
  // `declare`d, set by the constructor: not also emitted as class fields (bundle size).
  /** Index of the served variation, or -1 when the caller's default is returned. */
  declare readonly variation: number;
  /**
   * The detail served; with the caller's default (variation -1), the one it is copied into, whose
   * own `value` is undefined.
   */
  declare readonly detail: EvaluationDetail<FlagValue | undefined>;
  /** `detail.value`, one load nearer for the boolean fast path (`Evaluator#booleanValue`). */
  declare readonly value: FlagValue | undefined;
  #defaultFalse: EvaluationDetail<boolean> | undefined;
  #defaultTrue: EvaluationDetail<boolean> | undefined;

  constructor(variation: number, detail: EvaluationDetail<FlagValue | undefined>) {
    this.variation = variation;
    this.detail = detail;
    this.value = detail.value;
  }

  /** The detail carrying the caller's default; booleans are cached so a disabled flag costs nothing. */
  withDefault<T>(defaultValue: T): EvaluationDetail<T> {
    if (defaultValue === true) return (this.#defaultTrue ??= this.#carrying(true)) as EvaluationDetail<T>;
    if (defaultValue === false) return (this.#defaultFalse ??= this.#carrying(false)) as EvaluationDetail<T>;
    return this.#carrying(defaultValue);
  }

  #carrying<T>(value: T): EvaluationDetail<T> {
    const d = this.detail;
    return makeDetail(value, undefined, d.reason, d.errorCode, d.errorMessage, d.flagMetadata);
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

/** The message of anything thrown (an Error, or anything else with one), else the value as text. */
export function messageOf(e: unknown): string {
  const message = (e as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : String(e);
}
