import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = resolve(ROOT, 'server/dist/token-cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `node server/dist/token-cli.js …`, as `npm run token:create` runs it, with `env` and nothing
 * inherited about databases.
 */
export function tokenCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  const base = { ...process.env };
  for (const name of [
    'DATABASE_URL',
    'REDIS_URL',
    'FLAGSTAFF_DATA_DIR',
    'FLAGSTAFF_SECRET_KEY',
    'LOG_LEVEL',
  ]) {
    delete base[name];
  }
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: ROOT, env: { ...base, ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** POSTs a GraphQL query with an admin token; the parsed body. */
export async function gqlAs(
  url: string,
  token: string,
  query: string,
): Promise<{ data: Record<string, unknown> | null; errors?: { extensions: { code: string } }[] }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return response.json() as never;
}
