// OpenFeature contexts may carry Date values; sdk-core compares dates given as RFC 3339 strings
// or epoch milliseconds. Dates become ISO 8601 UTC strings (an invalid Date becomes absent); a
// context without dates is passed through as it is, without a copy.
import type { EvaluationContext } from '../model.js';

const MAX_DEPTH = 32;

/** `value` with its Dates replaced; the same object when it has none (copies only what holds one). */
function withoutDates(value: unknown, depth: number): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return value;
  // Arrays too: for…in walks their indices.
  const source = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k in source) {
    const mapped = withoutDates(source[k], depth + 1);
    if (mapped !== source[k])
      (copy ??= Array.isArray(source) ? ([...source] as never) : { ...source })[k] = mapped;
  }
  return copy ?? value;
}

export function toFlagstaffContext(context: object | undefined): EvaluationContext | undefined {
  return typeof context === 'object' && context !== null
    ? (withoutDates(context, 0) as EvaluationContext)
    : undefined;
}
