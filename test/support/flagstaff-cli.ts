import { execFile } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './token-cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built `flagstaff` bin of sdk-node (e2e-setup builds it). */
const CLI = resolve(ROOT, 'sdk-node/dist/cli/main.js');
const ITS_VARIABLES = ['FLAGSTAFF_URL', 'FLAGSTAFF_PIPELINE_TOKEN', 'FLAGSTAFF_SIGNING_SECRET'];

/** The environment of a CLI run: this process's, without the CLI's variables, plus `env`. */
export function cliEnvironment(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const base = { ...process.env };
  for (const name of ITS_VARIABLES) delete base[name];
  return { ...base, ...env };
}

/** `flagstaff …` as a pipeline runs it: the built bin in its own process. */
export function flagstaffCli(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<CliRun> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env: cliEnvironment(env) }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

/** The words of a command line written without quoting, e.g. `words('health ok --app a')`. */
export function words(line: string): string[] {
  return line.split(' ');
}

/** Writes an executable `flagstaff` into `dir` that runs the built bin, as `npm install` would link it. */
export async function writeFlagstaffShim(dir: string): Promise<string> {
  const path = join(dir, 'flagstaff');
  await writeFile(path, `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  await chmod(path, 0o755);
  return path;
}
