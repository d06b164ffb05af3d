import { existsSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A freshly initialised, empty PGlite cluster as a gzipped tarball, made by the build. initdb in
 * WASM takes seconds; unpacking this takes about a third of that, so a first start on an empty
 * data folder is that much faster. Tied to the PGlite version that made it.
 */
export function pgliteSeedPath(): string {
  const pglitePackage = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '..');
  const { version } = JSON.parse(readFileSync(join(pglitePackage, 'package.json'), 'utf8')) as {
    version: string;
  };
  return fileURLToPath(new URL(`../pglite-seed-${version}.tar.gz`, import.meta.url));
}

/** The seed to initialise an empty data folder from, if the build made one. */
export async function readPGliteSeed(dataDir: string): Promise<Blob | undefined> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return undefined;
  const seed = pgliteSeedPath();
  return existsSync(seed) ? new Blob([await readFile(seed)]) : undefined;
}

/** Writes the seed unless it exists (the build calls this; it is a no-op on later builds). */
export async function buildPGliteSeed(): Promise<string> {
  const seed = pgliteSeedPath();
  if (existsSync(seed)) return seed;
  // Loaded only when there is work: `npm start` runs this before every start.
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const tarball = await db.dumpDataDir('gzip');
  await db.close();
  await writeFile(`${seed}.partial`, Buffer.from(await tarball.arrayBuffer()));
  await rename(`${seed}.partial`, seed);
  return seed;
}
