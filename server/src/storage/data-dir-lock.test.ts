import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
async function dir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'flagstaff-lock-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('lockDataDir', () => {
  it('claims a free folder and frees it on release', async () => {
    const d = await dir();
    const release = await lockDataDir(d);
    expect(existsSync(join(d, 'flagstaff.pid'))).toBe(true);
    await release();
    expect(existsSync(join(d, 'flagstaff.pid'))).toBe(false);
  });

  it('refuses a folder held by another live process, naming it', async () => {
    const d = await dir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await writeFile(join(d, 'flagstaff.pid'), String(other.pid));
      await expect(lockDataDir(d)).rejects.toThrow(new DataDirLockedError(d, other.pid));
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const d = await dir();
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(join(d, 'flagstaff.pid'), String(gone.pid));
    const release = await lockDataDir(d);
    await release();
  });
});
