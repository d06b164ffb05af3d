import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where e2e-setup keeps an initialised, empty PGlite cluster for tests to copy. */
export const PGLITE_TEMPLATE_DIR = join(tmpdir(), 'flagstaff-pglite-template');
