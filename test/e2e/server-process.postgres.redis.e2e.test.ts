import { describe, expect, it } from '@jest/globals';
import { graphql } from '../support/graphql.js';
import { ServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';

describe('the server process on Postgres and Redis', () => {
  it('uses them, reports them in serverInfo and is ready', async () => {
    const db = await createTestDatabase({ migrated: false });
    const server = await ServerProcess.start({ DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL });
    try {
      expect(await graphql(server.url, '{ serverInfo { storage bus } }')).toEqual({
        data: { serverInfo: { storage: 'postgres', bus: 'redis' } },
      });
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(server.stdout).toContain('first sign-in');
    } finally {
      expect((await server.stop()).code).toBe(0);
      await db.drop();
    }
  });
});
