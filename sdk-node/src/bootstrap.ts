// The bootstrap snapshot: served from the start (offline mode, tests, or as a floor until the
// server answers). A file is read synchronously once, so a client is ready when createClient returns.
import { readFileSync } from 'node:fs';
import type { Snapshot } from '@flagstaff/sdk-core';
import { FlagstaffError, parseSnapshot } from '@flagstaff/sdk-core/client';

export function loadBootstrap(source: Snapshot | string | URL): Snapshot {
  let data: unknown;
  if (typeof source === 'string' || source instanceof URL) {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      throw new FlagstaffError('BOOTSTRAP', `cannot read bootstrap file ${String(source)}`, { cause: e });
    }
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new FlagstaffError('BOOTSTRAP', `bootstrap file ${String(source)} is not JSON`, { cause: e });
    }
  } else {
    try {
      // The client freezes what it holds: copy, so the caller's object stays theirs.
      data = structuredClone(source);
    } catch (e) {
      throw new FlagstaffError('BOOTSTRAP', 'the bootstrap object is not plain data', { cause: e });
    }
  }
  // A hand-written bootstrap may leave out the version.
  if (typeof data === 'object' && data !== null && !('version' in data)) data = { ...data, version: 0 };
  try {
    return parseSnapshot(data);
  } catch (e) {
    throw new FlagstaffError('BOOTSTRAP', `bootstrap: ${(e as Error).message}`, { cause: e });
  }
}
