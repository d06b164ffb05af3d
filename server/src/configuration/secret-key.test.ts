import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ConfigError } from '../config/config-error.js';
import { loadSecretKey } from './secret-key.js';

const logger = pino({ level: 'silent' });

const dirs: string[] = [];
async function dir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'flagstaff-secret-key-'));
  dirs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function embedded(dataDir: string) {
  return { secretKey: undefined, databaseUrl: undefined, dataDir };
}

describe('loadSecretKey', () => {
  it('generates a private key file on the first start and reuses it after', async () => {
    const dataDir = await dir();
    const infos: unknown[] = [];
    const recording = pino({ level: 'info' }, { write: (line: string) => void infos.push(JSON.parse(line)) });

    const first = await loadSecretKey(embedded(dataDir), recording);
    const file = join(dataDir, 'secret.key');
    expect(first).toHaveLength(32);
    expect(await readFile(file, 'utf8')).toBe(`${first?.toString('hex')}\n`);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(infos).toEqual([expect.objectContaining({ level: 30, path: file })]);

    const second = await loadSecretKey(embedded(dataDir), recording);
    expect(second).toEqual(first);
    expect(infos).toHaveLength(1);
    expect(await readdir(dataDir)).toEqual(['secret.key']);
  });

  it('creates the data folder when it does not exist yet', async () => {
    const dataDir = join(await dir(), 'nested', '.flagstaff');
    const key = await loadSecretKey(embedded(dataDir), logger);
    expect(await readFile(join(dataDir, 'secret.key'), 'utf8')).toBe(`${key?.toString('hex')}\n`);
  });

  it('gives two starts racing on one folder the same key', async () => {
    const dataDir = await dir();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSecretKey(embedded(dataDir), logger)));
    expect(new Set(keys.map((k) => k?.toString('hex'))).size).toBe(1);
    expect(await readdir(dataDir)).toEqual(['secret.key']);
  });

  it('prefers FLAGSTAFF_SECRET_KEY over a key file', async () => {
    const dataDir = await dir();
    await writeFile(join(dataDir, 'secret.key'), `${'cd'.repeat(32)}\n`);
    const secretKey = Buffer.alloc(32, 9);
    expect(await loadSecretKey({ ...embedded(dataDir), secretKey }, logger)).toBe(secretKey);
  });

  it('writes no key file when FLAGSTAFF_SECRET_KEY is set', async () => {
    const dataDir = await dir();
    await loadSecretKey({ ...embedded(dataDir), secretKey: Buffer.alloc(32, 9) }, logger);
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a malformed key file with a message naming it', async () => {
    const dataDir = await dir();
    const file = join(dataDir, 'secret.key');
    await writeFile(file, 'not a key\n');
    const failure = loadSecretKey(embedded(dataDir), logger);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(`${file} must hold the 32-byte secret key as 64 hex characters`);
    expect(await readFile(file, 'utf8')).toBe('not a key\n');
  });

  it('has no key on Postgres without FLAGSTAFF_SECRET_KEY', async () => {
    const dataDir = await dir();
    const config = { secretKey: undefined, databaseUrl: 'postgres://db/flagstaff', dataDir };
    expect(await loadSecretKey(config, logger)).toBeUndefined();
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('uses FLAGSTAFF_SECRET_KEY on Postgres', async () => {
    const secretKey = Buffer.alloc(32, 3);
    const config = { secretKey, databaseUrl: 'postgres://db/flagstaff', dataDir: await dir() };
    expect(await loadSecretKey(config, logger)).toBe(secretKey);
  });

  it('keeps the key of an in-memory database in memory only', async () => {
    expect(await loadSecretKey(embedded('memory://'), logger)).toHaveLength(32);
  });
});
