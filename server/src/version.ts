import { createRequire } from 'node:module';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The server package's version, as released. */
export const SERVER_VERSION: string = version;
