// The bootstrap snapshot: served from the start (offline mode, tests, or as a floor until the
// server answers). A file is read synchronously once, so a client is ready when createClient returns.
import { readFileSync } from 'node:fs';
import type { Snapshot } from '@flagstaff/sdk-core';
import { FlagstaffError, readBootstrap } from '@flagstaff/sdk-core/client';

export function loadBootstrap(source: Snapshot | string | URL): Snapshot {
  if (typeof source !== 'string' && !(source instanceof URL))
    return readBootstrap(source, 'the bootstrap object');
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (e) {
    throw new FlagstaffError('BOOTSTRAP', `cannot read bootstrap file ${String(source)}`, { cause: e });
  }
  return readBootstrap(text, `bootstrap file ${String(source)}`);
}
