import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/**
 * A fresh FLAGSTAFF_DATA_DIR holding an initialised but empty embedded database (a copy of the
 * cluster e2e-setup made), as a first start would leave it before migrating.
 */
export async function freshDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'flagstaff-e2e-'));
  made.push(dir);
  const template = process.env.FLAGSTAFF_TEST_PGLITE_TEMPLATE;
  if (template) await cp(template, join(dir, 'db'), { recursive: true });
  return dir;
}

export async function removeDataDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
