// OpenFeature contexts may carry Date values; sdk-core compares dates given as RFC 3339 strings
// or epoch milliseconds. Dates become ISO 8601 UTC strings (an invalid Date becomes absent); a
// context without dates is passed through as it is, without a copy.
import type { EvaluationContext } from '../model.js';

const MAX_DEPTH = 32;

function hasDate(value: unknown, depth: number): boolean {
  if (value instanceof Date) return true;
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasDate(v, depth + 1)) return true;
    return false;
  }
  for (const k in value) {
    if (hasDate((value as Record<string, unknown>)[k], depth + 1)) return true;
  }
  return false;
}

function withoutDates(value: unknown, depth: number): unknown {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : value.toISOString();
  }
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => withoutDates(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const k in value) out[k] = withoutDates((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

export function toFlagstaffContext(context: object | undefined): EvaluationContext | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  if (!hasDate(context, 0)) return context as EvaluationContext;
  return withoutDates(context, 0) as EvaluationContext;
}
