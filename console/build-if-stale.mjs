// `npm start` and `npm run build` call this: the console is rebuilt only when something it is
// built from is newer than its last build, so a start with an unchanged console costs nothing.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, 'dist/index.html');
const inputs = [
  'src',
  'public',
  'index.html',
  'vite.config.ts',
  'codegen.ts',
  'package.json',
  '../server/schema.graphql',
  '../server/src/revisions/json-diff.ts',
].map((path) => join(here, path));

/** The newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...readdirSync(path)
      .filter((name) => name !== 'generated')
      .map((name) => newest(join(path, name))),
  );
}

let builtAt = 0;
try {
  builtAt = statSync(built).mtimeMs;
} catch {
  // Never built.
}
if (Math.max(...inputs.map(newest)) > builtAt) {
  process.stdout.write('Building the console…\n');
  // A production build even when started from a test run (jest sets NODE_ENV=test, which would
  // give React's development build).
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
