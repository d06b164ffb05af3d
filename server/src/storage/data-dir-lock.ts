import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export type ReleaseLock = () => Promise<void>;

/**
 * Claims the embedded database's folder for this process. PGlite has no lock of its own, and two
 * processes writing one folder corrupt it; a lock left by a process that died is taken over.
 */
export async function lockDataDir(dir: string): Promise<ReleaseLock> {
  const path = join(dir, 'flagstaff.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (isAlive(holder)) throw new DataDirLockedError(dir, holder);
      await rm(path, { force: true });
    }
  }
  throw new DataDirLockedError(dir, undefined);
}

function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';

  constructor(dir: string, holder: number | undefined) {
    super(`${dir} is in use by another Flagstaff process${holder ? ` (pid ${holder})` : ''}`);
    this.name = 'DataDirLockedError';
  }
}
