import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startServer, type RunningServer } from '../server.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { ConfigSecrets } from './config-secrets.js';
import { SecretsDisabledError } from './secrets-disabled-error.js';

// Only Postgres can run without a key: the embedded database makes itself a key file.
describe('secrets on Postgres without FLAGSTAFF_SECRET_KEY', () => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase({ backend: 'postgres', migrated: false });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
    });
    server = await startServer(config, createLogger(config), database.open());
    token = server.firstRun!.ownerToken;
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  async function gql(query: string) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as {
      data: Record<string, unknown> | null;
      errors?: { message: string; extensions: Record<string, unknown> }[];
    };
  }

  it('refuses a secret with SECRETS_DISABLED, naming FLAGSTAFF_SECRET_KEY, and writes nothing', async () => {
    const res = await gql(
      'mutation { setSecret(project: "default", environment: "development", input: { key: "db", value: "hunter2" }) { key } }',
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [{ path: '', code: 'SECRETS_DISABLED' }],
    });
    expect(res.errors?.[0]?.message).toContain('FLAGSTAFF_SECRET_KEY');
    const rows: unknown[] = await server.storage.dataSource.query('SELECT 1 FROM config_entries');
    expect(rows).toEqual([]);
  });

  it('still stores plain entries', async () => {
    const res = await gql(
      'mutation { setConfigEntry(project: "default", environment: "development", input: { key: "retries", type: NUMBER, value: 3 }) { value } }',
    );
    expect(res.data).toEqual({ setConfigEntry: { value: 3 } });
  });

  it('cannot reveal a stored secret, and says why', () => {
    const entry = { key: 'db', secret: true, ciphertext: Buffer.alloc(40), keyId: 'abcdef0123456789' };
    expect(() => server.app.get(ConfigSecrets).reveal(entry)).toThrow(SecretsDisabledError);
    expect(() => server.app.get(ConfigSecrets).reveal(entry)).toThrow(/FLAGSTAFF_SECRET_KEY/);
  });
});
