import { unstorableTextAt, UNSTORABLE_TEXT_MESSAGE } from '../validation/storable-text.js';
import type { EvaluationReport } from './evaluation-counts.js';

/** At most this many lines per request: an SDK flushes more often rather than sending more. */
export const MAX_REPORTS = 1000;
/** Flag keys and variant keys are at most this long (sdk-core's MAX_KEY_LENGTH). */
export const MAX_KEY_LENGTH = 256;
/** A single line never counts more than this; a larger number is a bug, not traffic. */
export const MAX_COUNT = 1_000_000_000;

/** The body of `POST /sdk/v1/events` once checked (docs/delivery-protocol.md). */
export interface EvaluationBatch {
  readonly reports: readonly EvaluationReport[];
  /** The SDK's window, kept only for logs: counts are dated by the server's clock. */
  readonly from: Date | undefined;
  readonly to: Date | undefined;
}

/** Why a body was refused; `path` is the JSON Pointer of the offending value. */
export class EvaluationBatchError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path || '/'}: ${problem}`);
    this.name = 'EvaluationBatchError';
  }
}

/**
 * Checks an SDK's report strictly, naming the first bad field. Unknown fields are ignored, so
 * newer SDKs may add some; an absent or null `variant` is the caller's default (stored as '').
 */
export function readEvaluationBatch(body: unknown): EvaluationBatch {
  if (!isObject(body)) throw new EvaluationBatchError('', 'the body must be a JSON object');
  const evaluations = body.evaluations;
  if (!Array.isArray(evaluations)) {
    throw new EvaluationBatchError('/evaluations', 'must be an array');
  }
  if (evaluations.length > MAX_REPORTS) {
    throw new EvaluationBatchError('/evaluations', `must have at most ${MAX_REPORTS} entries`);
  }
  const reports = evaluations.map((entry, i) => readReport(entry, `/evaluations/${i}`));
  const from = readTime(body.from, '/from');
  const to = readTime(body.to, '/to');
  if (from && to && from > to) throw new EvaluationBatchError('/to', 'must not be before from');
  return { reports, from, to };
}

function readReport(entry: unknown, path: string): EvaluationReport {
  if (!isObject(entry)) throw new EvaluationBatchError(path, 'must be an object');
  const { flag, variant, count } = entry;
  if (typeof flag !== 'string' || flag.length === 0 || flag.length > MAX_KEY_LENGTH) {
    throw new EvaluationBatchError(`${path}/flag`, `must be a string of 1 to ${MAX_KEY_LENGTH} characters`);
  }
  if (unstorableTextAt(flag) !== undefined) {
    throw new EvaluationBatchError(`${path}/flag`, UNSTORABLE_TEXT_MESSAGE);
  }
  if (variant !== undefined && variant !== null) {
    if (typeof variant !== 'string' || variant.length > MAX_KEY_LENGTH) {
      throw new EvaluationBatchError(
        `${path}/variant`,
        `must be a string of at most ${MAX_KEY_LENGTH} characters, or absent`,
      );
    }
    if (unstorableTextAt(variant) !== undefined) {
      throw new EvaluationBatchError(`${path}/variant`, UNSTORABLE_TEXT_MESSAGE);
    }
  }
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new EvaluationBatchError(`${path}/count`, `must be an integer from 1 to ${MAX_COUNT}`);
  }
  return { flag, variant: typeof variant === 'string' ? variant : '', count };
}

function readTime(value: unknown, path: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const time = typeof value === 'string' && ISO_DATE_TIME.test(value) ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    throw new EvaluationBatchError(path, 'must be an ISO 8601 date-time such as 2026-11-28T10:00:00Z');
  }
  return time;
}

/** RFC 3339 date-time with a zone: what every SDK's `toISOString` (or equivalent) writes. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
