import { PGlite } from '@electric-sql/pglite';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import globalSetup from './global-setup.js';
import { PGLITE_TEMPLATE_DIR } from './pglite-template.js';

/**
 * End-to-end tests run the server as `npm start` does, from its build (a no-op when current).
 * They also share one initialised, empty PGlite cluster to copy: initdb in WASM takes seconds,
 * and a copy of a fresh cluster is what a first start would create.
 */
export default async function e2eSetup() {
  await globalSetup();
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'server'], { stdio: 'inherit' });
  const pglite = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(pglite, 'utf8'));
  const dir = `${PGLITE_TEMPLATE_DIR}-${version}`;
  if (!existsSync(dir)) {
    const db = await PGlite.create({ dataDir: dir });
    await db.close();
  }
  process.env.FLAGSTAFF_TEST_PGLITE_TEMPLATE = dir;
}
