import { migrations } from '@flagstaff/migrations';
import { mkdir } from 'node:fs/promises';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DependencyUnavailableError } from '../app/dependency-unavailable-error.js';
import type { Config } from '../config/config.js';
import { redactUrl } from '../config/redact-url.js';
import { entities } from './entities.js';
import { lockDataDir, type ReleaseLock } from './data-dir-lock.js';
import { openPGlite, pgliteDriver } from './pglite-pool.js';

export type StorageKind = 'postgres' | 'pglite';

export interface Storage {
  readonly kind: StorageKind;
  readonly dataSource: DataSource;
}

const MIGRATIONS_TABLE = 'flagstaff_migrations';

/**
 * Connects to Postgres when DATABASE_URL is set, else opens embedded PGlite in the data folder.
 * Both speak the same SQL, so the same entities and migrations serve both.
 */
export async function openStorage(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  options: { poolSize?: number } = {},
): Promise<Storage> {
  const common = {
    type: 'postgres',
    entities,
    migrations,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  let kind: StorageKind;
  let dataSourceOptions: DataSourceOptions;
  if (config.databaseUrl) {
    kind = 'postgres';
    dataSourceOptions = {
      ...common,
      url: config.databaseUrl,
      poolSize: options.poolSize ?? 20,
      connectTimeoutMS: 5000,
      applicationName: 'flagstaff',
    };
  } else {
    kind = 'pglite';
    const inMemory = config.dataDir === 'memory://';
    const location = inMemory ? config.dataDir : `${config.dataDir}/db`;
    let release: ReleaseLock = async () => {};
    if (!inMemory) {
      await mkdir(location, { recursive: true });
      release = await lockDataDir(config.dataDir).catch((error: unknown) => {
        throw new DependencyUnavailableError('cannot use FLAGSTAFF_DATA_DIR', error);
      });
    }
    const db = await openPGlite(location).catch(async (error: unknown) => {
      await release();
      throw new DependencyUnavailableError(`cannot open the embedded database in ${location}`, error);
    });
    dataSourceOptions = { ...common, driver: pgliteDriver(db, release) };
  }
  const dataSource = new DataSource(dataSourceOptions);
  try {
    await dataSource.initialize();
  } catch (error) {
    throw new DependencyUnavailableError(
      kind === 'postgres'
        ? `cannot connect to DATABASE_URL (${redactUrl(config.databaseUrl ?? '')})`
        : 'cannot open the embedded database',
      error,
    );
  }
  return { kind, dataSource };
}
