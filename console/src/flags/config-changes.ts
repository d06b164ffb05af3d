import type { Operator } from '@flagstaff/sdk-core';
import { diffJson, type JsonChange } from '../ui/json-diff.js';
import { OPERATOR_CHOICES } from '../targeting/operators.js';
import type { FlagConfigDraft } from './flag-config-draft.js';
import { weightToPercent } from './weights.js';

export type { JsonChange };

/** What saving `after` over `before` changes; empty when nothing does. */
export function configChanges(before: FlagConfigDraft, after: FlagConfigDraft): JsonChange[] {
  return diffJson(before, after);
}

const FIELD_NAMES: Record<string, string> = {
  enabled: 'On/off',
  offVariation: 'Off variation',
  salt: 'Salt',
  targets: 'Targets',
  rules: 'Rules',
  fallthrough: 'Default rule',
  prerequisites: 'Prerequisites',
  clauses: 'clauses',
  attribute: 'attribute',
  op: 'operator',
  negate: 'negated',
  values: 'values',
  serve: 'serves',
  variation: 'variation',
  rollout: 'rollout',
  bucketBy: 'bucket by',
  weights: 'weights',
  weight: 'weight',
  description: 'description',
  flag: 'flag',
  id: 'id',
};

const unescape = (part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~');

/**
 * A JSON Pointer into a flag configuration, said as people read the editor:
 * `/rules/0/clauses/1/values` → "Rule 1 › clause 2 › values". Works for diffs and for the
 * server's problem paths alike; `config` (when given) names targets and weights by variation.
 */
export function describePath(path: string, config?: Partial<FlagConfigDraft>): string {
  const parts = path.split('/').slice(1).map(unescape);
  const words: string[] = [];
  let node: unknown = config;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const parent = parts[i - 1];
    const child = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    if (/^\d+$/.test(part)) {
      const n = Number(part) + 1;
      const variation = (child as { variation?: unknown } | undefined)?.variation;
      if (parent === 'rules') words[words.length - 1] = `Rule ${n}`;
      else if (parent === 'prerequisites') words[words.length - 1] = `Prerequisite ${n}`;
      else if (parent === 'clauses') words[words.length - 1] = `clause ${n}`;
      else if ((parent === 'targets' || parent === 'weights') && typeof variation === 'string') {
        words[words.length - 1] =
          parent === 'targets' ? `Targets of “${variation}”` : `weight of “${variation}”`;
      } else if (parent === 'values') words[words.length - 1] = `value ${n}`;
      else words.push(`#${n}`);
    } else if (!(part === 'weight' && parent && /^\d+$/.test(parent))) {
      words.push(FIELD_NAMES[part] ?? part);
    }
    node = child;
  }
  return words.length === 0 ? 'Everything' : words.join(' › ');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summarizeRollout(rollout: Record<string, Json>): string {
  const weights = Array.isArray(rollout.weights) ? rollout.weights.filter(isObject) : [];
  const shares = weights
    .map((w) => `${String(w.variation)} ${weightToPercent(Number(w.weight))} %`)
    .join(' / ');
  return typeof rollout.bucketBy === 'string' ? `${shares} by ${rollout.bucketBy}` : shares;
}

function summarizeServe(serve: Record<string, Json>): string {
  if (typeof serve.variation === 'string') return `serve “${serve.variation}”`;
  if (isObject(serve.rollout)) return `roll out ${summarizeRollout(serve.rollout)}`;
  return JSON.stringify(serve);
}

function summarizeClause(clause: Record<string, Json>): string {
  const op = String(clause.op) as Operator;
  const label = OPERATOR_CHOICES[op]?.label ?? op;
  const values = Array.isArray(clause.values) ? clause.values.map((v) => JSON.stringify(v)).join(', ') : '';
  const subject = op === 'segmentMatch' ? 'context' : String(clause.attribute);
  return `${subject} ${clause.negate ? 'not ' : ''}${label}${values ? ` ${values}` : ''}`;
}

/** A value in a diff, short and readable: weights as percentages, rules and clauses in words. */
export function formatValue(value: unknown, path = ''): string {
  if (value === undefined) return '—';
  if (typeof value === 'number' && /\/weight$/.test(path)) return `${weightToPercent(value)} %`;
  if (typeof value === 'boolean' && path === '/enabled') return value ? 'on' : 'off';
  if (isObject(value)) {
    if (Array.isArray(value.clauses) && isObject(value.serve)) {
      const clauses = value.clauses.filter(isObject).map(summarizeClause);
      return `${clauses.length ? `if ${clauses.join(' and ')}: ` : 'always: '}${summarizeServe(value.serve)}`;
    }
    if (typeof value.op === 'string' && Array.isArray(value.values)) return summarizeClause(value);
    if (Array.isArray(value.weights)) return summarizeRollout(value);
    if ('variation' in value || 'rollout' in value) {
      if (typeof value.flag === 'string') return `${value.flag} serves “${String(value.variation)}”`;
      if (Array.isArray(value.values)) return `“${String(value.variation)}” to ${value.values.join(', ')}`;
      return summarizeServe(value);
    }
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value);
}
