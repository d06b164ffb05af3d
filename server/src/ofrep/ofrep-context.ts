import type { EvaluationContext } from '@flagstaff/sdk-core';
import type { OfrepErrorCode } from './ofrep-evaluation.js';

/** Why an OFREP request body was refused: answered as a 400 in OFREP's error shape. */
export class OfrepRequestError extends Error {
  constructor(
    readonly errorCode: Extract<OfrepErrorCode, 'PARSE_ERROR' | 'INVALID_CONTEXT'>,
    message: string,
  ) {
    super(message);
    this.name = 'OfrepRequestError';
  }
}

const EMPTY: EvaluationContext = Object.freeze({});

/** Contexts are attributes, rarely nested; a bound keeps hashing (bulk ETags) off deep recursion. */
export const MAX_CONTEXT_DEPTH = 32;

/**
 * The evaluation context of an OFREP request body `{"context": {…}}`. No body, `{}` or a null
 * context evaluate with an empty context (a rollout then answers TARGETING_KEY_MISSING).
 */
export function readOfrepContext(body: unknown): EvaluationContext {
  if (body === undefined || body === null) return EMPTY;
  if (!isObject(body)) throw new OfrepRequestError('PARSE_ERROR', 'the body must be a JSON object');
  const context = body.context;
  if (context === undefined || context === null) return EMPTY;
  if (!isObject(context)) throw new OfrepRequestError('INVALID_CONTEXT', 'context must be an object');
  const targetingKey = context.targetingKey;
  if (targetingKey !== undefined && targetingKey !== null && typeof targetingKey !== 'string') {
    throw new OfrepRequestError('INVALID_CONTEXT', 'context.targetingKey must be a string');
  }
  if (nestsDeeper(context, MAX_CONTEXT_DEPTH)) {
    throw new OfrepRequestError(
      'INVALID_CONTEXT',
      `context must not nest deeper than ${MAX_CONTEXT_DEPTH} levels`,
    );
  }
  return context;
}

/** Whether objects and arrays nest deeper than `levels` below `value`; stops looking once they do. */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  for (const inner of Object.values(value)) if (nestsDeeper(inner, levels - 1)) return true;
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
