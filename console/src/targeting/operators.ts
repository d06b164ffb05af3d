import type { ClauseValue, Operator } from '@flagstaff/sdk-core';

/** How the clause builder asks for an operator's values. */
export type ValueKind = 'text' | 'number' | 'date' | 'semver' | 'none' | 'segments';

export interface OperatorChoice {
  readonly label: string;
  readonly kind: ValueKind;
  /** Shown in the values field; says the format the server accepts. */
  readonly placeholder: string;
}

/**
 * Every sdk-core operator, in the order the builder lists them. A Record, so a new operator in
 * sdk-core fails to type-check here until the builder knows how to ask for its values.
 */
export const OPERATOR_CHOICES: Readonly<Record<Operator, OperatorChoice>> = {
  in: { label: 'is one of', kind: 'text', placeholder: 'one value per line' },
  startsWith: { label: 'starts with', kind: 'text', placeholder: 'one prefix per line' },
  endsWith: { label: 'ends with', kind: 'text', placeholder: 'one suffix per line' },
  contains: { label: 'contains', kind: 'text', placeholder: 'one substring per line' },
  matches: {
    label: 'matches regex',
    kind: 'text',
    placeholder: 'one pattern per line, e.g. ^.+@example\\.com$',
  },
  lt: { label: '<', kind: 'number', placeholder: 'a number' },
  lte: { label: '≤', kind: 'number', placeholder: 'a number' },
  gt: { label: '>', kind: 'number', placeholder: 'a number' },
  gte: { label: '≥', kind: 'number', placeholder: 'a number' },
  before: { label: 'is before (date)', kind: 'date', placeholder: '2026-12-31 or 2026-12-31T09:30:00Z' },
  after: { label: 'is after (date)', kind: 'date', placeholder: '2026-12-31 or 2026-12-31T09:30:00Z' },
  semverEq: { label: 'version =', kind: 'semver', placeholder: 'e.g. 2.4.0' },
  semverLt: { label: 'version <', kind: 'semver', placeholder: 'e.g. 2.4.0' },
  semverLte: { label: 'version ≤', kind: 'semver', placeholder: 'e.g. 2.4.0' },
  semverGt: { label: 'version >', kind: 'semver', placeholder: 'e.g. 2.4.0' },
  semverGte: { label: 'version ≥', kind: 'semver', placeholder: 'e.g. 2.4.0' },
  exists: { label: 'exists', kind: 'none', placeholder: '' },
  segmentMatch: { label: 'is in segment', kind: 'segments', placeholder: '' },
};

export const OPERATOR_ORDER = Object.keys(OPERATOR_CHOICES) as Operator[];

/** How `in` compares: the context's attribute must have the same type as a value to match. */
export type InValueType = 'string' | 'number' | 'boolean';

/**
 * Values typed one per line, as the operator takes them: numbers for the comparisons (and for `in`
 * when asked), booleans for `in` when asked, strings otherwise. Blank lines are dropped; a line
 * that is not a number stays text, so the server names it.
 */
export function parseValueLines(
  text: string,
  kind: ValueKind,
  inType: InValueType = 'string',
): ClauseValue[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const asNumber = kind === 'number' || (kind === 'text' && inType === 'number');
  if (asNumber) return lines.map((line) => (Number.isFinite(Number(line)) ? Number(line) : line));
  if (kind === 'text' && inType === 'boolean') {
    return lines.map((line) => (line === 'true' ? true : line === 'false' ? false : line));
  }
  return lines;
}

/** The type `in` values compare as, read from the values a clause has. */
export function inValueType(values: readonly ClauseValue[]): InValueType {
  const first = values[0];
  return typeof first === 'number' ? 'number' : typeof first === 'boolean' ? 'boolean' : 'string';
}
