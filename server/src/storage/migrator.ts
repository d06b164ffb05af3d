import { MigrationExecutor, type DataSource, type Migration } from 'typeorm';

/** Any fixed 64-bit number: the advisory lock key that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_143_512_009;

/**
 * Applies pending migrations, each in its own transaction, under a Postgres advisory lock so
 * that instances starting together migrate once. The lock and the migrations share one
 * connection, which is also what makes this work on single-session PGlite.
 */
export async function migrateUp(dataSource: DataSource): Promise<Migration[]> {
  return withMigrationLock(dataSource, (executor) => executor.executePendingMigrations());
}

/** Reverts the most recent migration (one step), under the same lock. */
export async function migrateDown(dataSource: DataSource): Promise<void> {
  await withMigrationLock(dataSource, (executor) => executor.undoLastMigration());
}

async function withMigrationLock<T>(
  dataSource: DataSource,
  work: (executor: MigrationExecutor) => Promise<T>,
): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'each';
      return await work(executor);
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}
