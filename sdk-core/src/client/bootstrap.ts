// A snapshot the application hands over (a bootstrap object, JSON rendered into the page, a file's
// text, sdk-web's cache): served from the start, until the server's arrives.
import type { Snapshot } from '../model.js';
import { FlagstaffError, messageOf } from './flagstaff-error.js';
import { parseSnapshot } from './protocol.js';

/**
 * A snapshot from JSON text or a plain object, copied (the client freezes what it holds, and the
 * caller's object stays theirs). `what` names the source in messages. Throws a BOOTSTRAP error.
 */
export function readBootstrap(source: string | object, what: string): Snapshot {
  try {
    const data: unknown = typeof source === 'string' ? JSON.parse(source) : structuredClone(source);
    // A hand-written bootstrap may leave out the version.
    const unversioned = typeof data === 'object' && data !== null && !('version' in data);
    return parseSnapshot(unversioned ? { ...data, version: 0 } : data);
  } catch (e) {
    throw new FlagstaffError('BOOTSTRAP', `${what}: ${messageOf(e)}`, { cause: e });
  }
}
