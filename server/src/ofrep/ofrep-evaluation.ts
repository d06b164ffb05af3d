import type { EvaluationDetail, FlagMetadata, FlagValue, Reason } from '@flagstaff/sdk-core';

/** The error codes an OFREP evaluation answers with (OpenFeature's, as the OFREP schemas list them). */
export type OfrepErrorCode =
  'PARSE_ERROR' | 'TARGETING_KEY_MISSING' | 'INVALID_CONTEXT' | 'GENERAL' | 'FLAG_NOT_FOUND';

/**
 * OFREP `evaluationSuccess`. `value` is absent when the flag serves the caller's own default (a
 * disabled flag, or a failed prerequisite, without an off variation): OFREP's `codeDefaultFlag`,
 * which tells the provider to use the default written in the application's code.
 */
export interface OfrepSuccess {
  readonly key: string;
  readonly value?: FlagValue;
  readonly reason: Reason;
  readonly variant?: string;
  readonly metadata: FlagMetadata;
}

/** OFREP `evaluationFailure` (400) or `flagNotFound` (404). */
export interface OfrepFailure {
  readonly key: string;
  readonly errorCode: OfrepErrorCode;
  readonly errorDetails: string;
}

export type OfrepEvaluation = OfrepSuccess | OfrepFailure;

/** An sdk-core detail as OFREP reports it; any error code makes it a failure. */
export function ofrepEvaluation(key: string, detail: EvaluationDetail<FlagValue | null>): OfrepEvaluation {
  if (detail.errorCode !== undefined) {
    return {
      key,
      // TYPE_MISMATCH cannot happen (OFREP requests carry no type); it would be a server fault.
      errorCode: detail.errorCode === 'TYPE_MISMATCH' ? 'GENERAL' : detail.errorCode,
      errorDetails: detail.errorMessage ?? detail.errorCode,
    };
  }
  if (detail.variant === undefined) {
    return { key, reason: detail.reason, metadata: detail.flagMetadata };
  }
  return {
    key,
    value: detail.value as FlagValue,
    reason: detail.reason,
    variant: detail.variant,
    metadata: detail.flagMetadata,
  };
}

/** The HTTP status of a single-flag evaluation: 200, 404 for FLAG_NOT_FOUND, else 400. */
export function ofrepStatus(evaluation: OfrepEvaluation): 200 | 400 | 404 {
  if (!('errorCode' in evaluation)) return 200;
  return evaluation.errorCode === 'FLAG_NOT_FOUND' ? 404 : 400;
}
