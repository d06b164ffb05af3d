/** The ETag of a snapshot version: the version, quoted. */
export function snapshotEtag(version: number): string {
  return `"${version}"`;
}

/**
 * Whether an `If-None-Match` header names this snapshot version (`"42"`, `W/"42"`, a list holding
 * it, or `*`). Also the highest version it names, so a caller can tell a client ahead of it.
 */
export function ifNoneMatch(
  header: string | undefined,
  version: number,
): { matches: boolean; newest: number } {
  if (header === undefined) return { matches: false, newest: -1 };
  let newest = -1;
  let matches = false;
  for (const part of header.split(',')) {
    const tag = part.trim();
    if (tag === '*') {
      matches = true;
      continue;
    }
    const match = /^(?:W\/)?"(\d{1,15})"$/.exec(tag);
    if (!match) continue;
    const named = Number(match[1]);
    if (named === version) matches = true;
    if (named > newest) newest = named;
  }
  return { matches, newest };
}
