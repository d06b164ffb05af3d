import { migrations } from '@flagstaff/migrations';
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateUp } from '../../server/src/storage/migrator.js';
import { openStorage, type Storage, type StorageKind } from '../../server/src/storage/storage.js';

/**
 * One database for one test file: on Postgres (DATABASE_URL set) a fresh database cloned from a
 * migrated template, so files run in parallel without seeing each other; otherwise an in-memory
 * PGlite, migrated.
 */
export interface TestDatabase {
  readonly kind: StorageKind;
  /** Connection string for a server process; undefined for in-memory PGlite. */
  readonly url: string | undefined;
  open(): Promise<Storage>;
  drop(): Promise<void>;
}

export type Backend = 'postgres' | 'pglite';

/** The backends this run can test: PGlite always, Postgres when DATABASE_URL is set. */
export function availableBackends(): Backend[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** The backend integration tests use by default: the real Postgres when there is one. */
export function defaultBackend(): Backend {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

export async function createTestDatabase(
  options: { backend?: Backend; migrated?: boolean } = {},
): Promise<TestDatabase> {
  const backend = options.backend ?? defaultBackend();
  const migrated = options.migrated ?? true;
  if (backend === 'pglite') return pgliteDatabase(migrated);
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is needed for a Postgres test database');
  return postgresDatabase(adminUrl, migrated);
}

function pgliteDatabase(migrated: boolean): TestDatabase {
  let storage: Storage | undefined;
  return {
    kind: 'pglite',
    url: undefined,
    async open() {
      // One in-memory database per test file: open() hands out the same one each time.
      if (!storage) {
        storage = await openStorage({ databaseUrl: undefined, dataDir: 'memory://' });
        if (migrated) await migrateUp(storage.dataSource);
      }
      return storage;
    },
    async drop() {
      if (storage?.dataSource.isInitialized) await storage.dataSource.destroy();
    },
  };
}

async function postgresDatabase(adminUrl: string, migrated: boolean): Promise<TestDatabase> {
  const name = `flagstaff_t_${randomBytes(6).toString('hex')}`;
  const template = migrated ? await migratedTemplate(adminUrl) : 'template0';
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(adminUrl, name);
  const opened: Storage[] = [];
  return {
    kind: 'postgres',
    url,
    async open() {
      const storage = await openStorage({ databaseUrl: url, dataDir: '' }, { poolSize: 5 });
      opened.push(storage);
      return storage;
    },
    async drop() {
      for (const storage of opened) if (storage.dataSource.isInitialized) await storage.dataSource.destroy();
      await withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The template is named after the migration list, so a new migration makes a new template. */
async function migratedTemplate(adminUrl: string): Promise<string> {
  const digest = createHash('sha256')
    .update(migrations.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 12);
  const template = `flagstaff_tpl_${digest}`;
  await withAdmin(adminUrl, async (admin) => {
    // Test files start in parallel: one builds the template, the rest wait for it.
    await admin.query('SELECT pg_advisory_lock(715001)');
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (rowCount) return;
      const building = `${template}_build`;
      await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${building} TEMPLATE template0`);
      const storage = await openStorage(
        { databaseUrl: databaseUrl(adminUrl, building), dataDir: '' },
        { poolSize: 1 },
      );
      try {
        await migrateUp(storage.dataSource);
      } finally {
        await storage.dataSource.destroy();
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(715001)');
    }
  });
  return template;
}

async function withAdmin<T>(adminUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
