/** One difference between two JSON documents, at a JSON Pointer path. */
export interface JsonChange {
  readonly path: string;
  readonly op: 'add' | 'remove' | 'replace';
  readonly before?: unknown;
  readonly after?: unknown;
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The structured difference between two JSON values: objects key by key, arrays index by index,
 * anything else replaced whole. Used for revision diffs and copy previews.
 */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, op: 'add', after }];
  if (after === undefined) return [{ path, op: 'remove', before }];
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffJson(before[k], after[k], `${path}/${escape(k)}`));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: JsonChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      out.push(...diffJson(before[i], after[i], `${path}/${i}`));
    }
    return out;
  }
  return Object.is(before, after) ? [] : [{ path, op: 'replace', before, after }];
}
