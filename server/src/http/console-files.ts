import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build -w console` writes the console: console/dist at the repository root, the
 * same three levels up from server/src/http (tests) and server/dist/http (the built server).
 */
export const CONSOLE_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../console/dist');

/** Whether the console was built, so `/` can serve it or say how to build it. */
export function consoleBuilt(dist = CONSOLE_DIST): boolean {
  return existsSync(resolve(dist, 'index.html'));
}

/** Paths the server answers itself: never the console's page, even for a browser. */
const SERVER_PREFIXES = [
  '/graphql',
  '/sdk/',
  '/ofrep/',
  '/hooks/',
  '/api/',
  '/metrics',
  '/healthz',
  '/readyz',
];

/** A file of the build that is not there (an old hash) is a 404, never the page. */
const BUILD_FILES = '/assets/';

/**
 * Whether a GET is a browser opening one of the console's own routes (e.g. a shared link to
 * /projects/default/flags): it asks for HTML and the path is not one of the server's. Anything
 * else that matches no route keeps the REST 404.
 */
export function isConsoleRoute(path: string, accept: string | undefined): boolean {
  const reserved = [...SERVER_PREFIXES, BUILD_FILES];
  if (reserved.some((prefix) => path === prefix.replace(/\/$/, '') || path.startsWith(prefix))) return false;
  return accept?.includes('text/html') ?? false;
}

/** Hashed build output never changes under its name; index.html must be revalidated each time. */
export function cacheControlFor(file: string): string {
  if (/\/assets\/[^/]+$/.test(file)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}
