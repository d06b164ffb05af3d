// A snapshot the application hands over (a bootstrap object, JSON rendered into the page, a file's
// text, sdk-web's cache): served from the start, until the server's arrives.
import type { Snapshot } from '../model.js';
import { FlagstaffError } from './flagstaff-error.js';
import { parseSnapshot } from './protocol.js';

/**
 * A snapshot from JSON text or a plain object, copied (the client freezes what it holds, and the
 * caller's object stays theirs). `what` names the source in messages. Throws a BOOTSTRAP error.
 */
export function readBootstrap(source: string | object, what: string): Snapshot {
  let data: unknown;
  if (typeof source === 'string') {
    try {
      data = JSON.parse(source);
    } catch (e) {
      throw new FlagstaffError('BOOTSTRAP', `${what} is not JSON`, { cause: e });
    }
  } else {
    try {
      data = structuredClone(source);
    } catch (e) {
      throw new FlagstaffError('BOOTSTRAP', `${what} is not plain data`, { cause: e });
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
