import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/config-error.js';
import type { Logger } from '../logging/logger.js';

const KEY_FILE = 'secret.key';

/**
 * The key that seals configuration secrets: FLAGSTAFF_SECRET_KEY when set; else, on the embedded
 * database, a key file kept in the data folder (made on first start); else (Postgres without a
 * key) undefined, and secrets are refused when written.
 */
export async function loadSecretKey(
  config: Pick<Config, 'secretKey' | 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<Buffer | undefined> {
  if (config.secretKey) return config.secretKey;
  if (config.databaseUrl) return undefined;
  // An in-memory database forgets its secrets on exit, so its key need not outlive the process.
  if (config.dataDir === 'memory://') return randomBytes(32);

  const path = join(config.dataDir, KEY_FILE);
  const existing = await readKeyFile(path);
  if (existing) return existing;
  await mkdir(config.dataDir, { recursive: true });
  if (await createKeyFile(path)) {
    logger.info({ path }, 'generated a secret key for configuration secrets');
  }
  // Read back rather than trust what we wrote: another start may have won the race.
  const key = await readKeyFile(path);
  if (!key) throw new ConfigError(path, 'disappeared while the server was starting');
  return key;
}

async function readKeyFile(path: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigError(path, `cannot be read (${code ?? String(error)})`);
  }
  const hex = text.trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
    throw new ConfigError(
      path,
      'must hold the 32-byte secret key as 64 hex characters; restore it from a backup ' +
        '(deleting it makes a new key, and secrets stored under the old one become unreadable)',
    );
  }
  return Buffer.from(hex, 'hex');
}

/**
 * Writes a new key to a private temporary file, then links it into place: the key file appears
 * whole or not at all, and of two racing starts exactly one wins. False when another one won.
 */
async function createKeyFile(path: string): Promise<boolean> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(`${randomBytes(32).toString('hex')}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    return await link(temporary, path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'EEXIST') return false;
        throw error;
      },
    );
  } finally {
    await rm(temporary, { force: true });
  }
}
