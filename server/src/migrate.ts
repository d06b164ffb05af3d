import 'reflect-metadata';
import { DependencyUnavailableError } from './app/dependency-unavailable-error.js';
import { loadConfig } from './config/config.js';
import { ConfigError } from './config/config-error.js';
import { migrateDown, migrateUp } from './storage/migrator.js';
import { openStorage } from './storage/storage.js';

/** `npm run migrate` (up) and `npm run migrate:down` (revert the most recent migration). */
async function main(direction: string | undefined): Promise<number> {
  if (direction !== 'up' && direction !== 'down') {
    process.stderr.write('usage: migrate up|down\n');
    return 2;
  }
  const config = loadConfig(process.env);
  const storage = await openStorage(config);
  try {
    const target = storage.kind === 'postgres' ? 'Postgres' : `the embedded database in ${config.dataDir}`;
    if (direction === 'up') {
      const applied = await migrateUp(storage.dataSource);
      process.stdout.write(
        applied.length === 0
          ? `${target} is up to date\n`
          : `applied to ${target}: ${applied.map((m) => m.name).join(', ')}\n`,
      );
    } else {
      const [last] = await storage.dataSource.query(
        'SELECT name FROM flagstaff_migrations ORDER BY id DESC LIMIT 1',
      );
      await migrateDown(storage.dataSource);
      process.stdout.write(
        last ? `reverted on ${target}: ${last.name}\n` : `${target} has no migration to revert\n`,
      );
    }
    return 0;
  } finally {
    await storage.dataSource.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof DependencyUnavailableError;
    process.stderr.write(`flagstaff: ${known ? (error as Error).message : (error as Error).stack}\n`);
    process.exit(1);
  },
);
