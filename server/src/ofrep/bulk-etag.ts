import type { EvaluationContext } from '@flagstaff/sdk-core';
import { createHash } from 'node:crypto';
import type { SdkKeyKind } from '../tokens/token-enums.js';

/** Changed whenever the bulk answer's format changes, so no client keeps an answer of the old one. */
const FORMAT = 'ofrep-bulk-1';

/**
 * The ETag of a bulk evaluation: `"<version>-<hash>"`, the hash over what decides the answer
 * (environment, key kind, snapshot version and the context, canonically written). It changes with
 * the version and with the context, and is known before evaluating, so a 304 costs no evaluation.
 * The version stays readable so that a client ahead of this instance can be told apart.
 */
export function bulkEtag(
  environmentId: string,
  kind: SdkKeyKind,
  version: number,
  context: EvaluationContext,
): string {
  const hash = createHash('sha256')
    .update(`${FORMAT}\n${environmentId}\n${kind}\n${version}\n`)
    .update(canonicalJson(context))
    .digest('base64url')
    .slice(0, 22);
  return `"${version}-${hash}"`;
}

/** Whether `If-None-Match` names this ETag (weakly compared; `*` is not honoured for a POST). */
export function bulkEtagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => part.trim().replace(/^W\//, '') === etag);
}

/** The highest snapshot version that the bulk ETags in `If-None-Match` name, or -1. */
export function newestBulkVersion(header: string | undefined): number {
  let newest = -1;
  for (const part of header?.split(',') ?? []) {
    const match = /^(?:W\/)?"(\d{1,15})-[A-Za-z0-9_-]+"$/.exec(part.trim());
    if (match) newest = Math.max(newest, Number(match[1]));
  }
  return newest;
}

/** JSON with every object's keys sorted, so equal contexts hash alike whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
