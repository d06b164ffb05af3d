import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { openPGlite, pgliteDriver } from './pglite-pool.js';

let dataSource: DataSource;

beforeAll(async () => {
  const db = await openPGlite('memory://');
  dataSource = new DataSource({ type: 'postgres', driver: pgliteDriver(db) });
  await dataSource.initialize();
  await dataSource.query('CREATE TABLE counter (id int PRIMARY KEY, n bigint NOT NULL)');
});
beforeEach(async () => {
  await dataSource.query('DELETE FROM counter');
  await dataSource.query('INSERT INTO counter VALUES (1, 0)');
});
afterAll(async () => dataSource.destroy());

describe('PGlitePool', () => {
  it('gives each transaction the session to itself, so concurrent transactions do not interleave', async () => {
    // Read-then-write increments lose updates if another transaction's queries run in between.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        dataSource.transaction(async (db) => {
          const [{ n }] = await db.query('SELECT n FROM counter WHERE id = 1');
          await new Promise((resolve) => setTimeout(resolve, 1));
          await db.query('UPDATE counter SET n = $1 WHERE id = 1', [Number(n) + 1]);
        }),
      ),
    );
    expect(await dataSource.query('SELECT n FROM counter')).toEqual([{ n: '20' }]);
  });

  it('rolls back a failed transaction without leaking it into the next query', async () => {
    await expect(
      dataSource.transaction(async (db) => {
        await db.query('UPDATE counter SET n = 99');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await dataSource.query('SELECT n FROM counter')).toEqual([{ n: '0' }]);
  });

  it('reports affected rows of updates and deletes as pg does', async () => {
    const result = await dataSource
      .createQueryBuilder()
      .update('counter')
      .set({ n: 5 })
      .where('id = 1')
      .execute();
    expect(result.affected).toBe(1);
  });
});
