import type { Snapshot } from '@flagstaff/sdk-core';

/**
 * The JSON of each flag, segment and entry, by object. A snapshot built from the one before shares
 * every value that did not change with it (values are never changed once built), so serializing
 * it stringifies only what changed.
 */
const known = new WeakMap<object, string>();

const MAPS = new Set(['flags', 'segments', 'config']);

/** `JSON.stringify(snapshot)`, the same text, reusing the JSON of values serialized before. */
export function snapshotJson(snapshot: Snapshot): string {
  const fields: string[] = [];
  for (const [name, value] of Object.entries(snapshot)) {
    if (value === undefined) continue;
    const json = MAPS.has(name) ? mapJson(value as Record<string, unknown>) : JSON.stringify(value);
    fields.push(`${JSON.stringify(name)}:${json}`);
  }
  return `{${fields.join(',')}}`;
}

function mapJson(map: Record<string, unknown>): string {
  const entries: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    const cacheable = typeof value === 'object' && value !== null;
    let json = cacheable ? known.get(value) : undefined;
    if (json === undefined) {
      json = JSON.stringify(value);
      if (cacheable) known.set(value, json);
    }
    entries.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${entries.join(',')}}`;
}
