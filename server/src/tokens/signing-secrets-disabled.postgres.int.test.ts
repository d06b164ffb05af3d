import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startServer, type RunningServer } from '../server.js';

// Only Postgres can run without a secret key: the embedded database makes itself a key file.
describe('signed pipeline tokens on Postgres without FLAGSTAFF_SECRET_KEY', () => {
  let database: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase({ backend: 'postgres', migrated: false });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
    });
    server = await startServer(config, createLogger(config), database.open());
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const create = async (requireSignature: boolean) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.firstRun!.ownerToken}` },
      body: JSON.stringify({
        query: `mutation($s: Boolean!) { createPipelineToken(project: "default", input: { name: "ci", requireSignature: $s }) { secret signingSecret } }`,
        variables: { s: requireSignature },
      }),
    });
    return (await response.json()) as {
      data: { createPipelineToken: { secret: string; signingSecret: string | null } } | null;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    };
  };

  it('refuses requireSignature with SECRETS_DISABLED, naming FLAGSTAFF_SECRET_KEY, and makes no token', async () => {
    const res = await create(true);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '/requireSignature', code: 'SECRETS_DISABLED' }],
    });
    expect(res.errors?.[0]?.message).toContain('FLAGSTAFF_SECRET_KEY');
    const rows: unknown[] = await server.storage.dataSource.query(
      `SELECT 1 FROM tokens WHERE kind = 'pipeline'`,
    );
    expect(rows).toEqual([]);
  });

  it('still makes unsigned pipeline tokens', async () => {
    const res = await create(false);
    expect(res.data?.createPipelineToken).toEqual({
      secret: expect.stringMatching(/^fsp_/),
      signingSecret: null,
    });
  });
});
