import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { loadConfig } from './config/config.js';
import { schemaText } from './graphql/schema-text.js';
import { createLogger } from './logging/logger.js';
import { startServer } from './server.js';
import { openStorage } from './storage/storage.js';

/**
 * `npm run schema`: writes server/schema.graphql from the code-first resolvers, for the console's
 * typed operations and for review. A test fails when the checked-in file is out of date.
 */
async function main(): Promise<void> {
  // In memory and with a throwaway key, so printing the schema leaves no data folder behind.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    FLAGSTAFF_SECRET_KEY: randomBytes(32).toString('hex'),
  });
  const inMemory = openStorage({ databaseUrl: undefined, dataDir: 'memory://' });
  const server = await startServer(config, createLogger(config), inMemory);
  try {
    const target = new URL('../schema.graphql', import.meta.url);
    await writeFile(target, schemaText(server.app));
    process.stdout.write(`wrote ${target.pathname}\n`);
  } finally {
    await server.close();
  }
}

await main();
