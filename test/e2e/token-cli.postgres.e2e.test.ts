import { describe, expect, it } from '@jest/globals';
import { ServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';
import { gqlAs, tokenCli } from '../support/token-cli.js';

describe('npm run token:create on Postgres', () => {
  it('mints a token beside a running server, which accepts it on its next request', async () => {
    const db = await createTestDatabase({ migrated: false });
    const env = { DATABASE_URL: db.url! };
    const server = await ServerProcess.start(env);
    try {
      const run = await tokenCli(
        ['create', '--name', 'ops', '--project', 'default', '--role', 'editor'],
        env,
      );
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Created an editor token "ops" for project default');
      const token = run.stdout.trim();
      const res = await gqlAs(server.url, token, '{ tokens(project: "default") { name role } }');
      expect(res).toEqual({ data: { tokens: [{ name: 'ops', role: 'EDITOR' }] } });
    } finally {
      expect((await server.stop()).code).toBe(0);
      await db.drop();
    }
  });
});
