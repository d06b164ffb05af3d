// Start-up figures of the server on the embedded default: time from launching `npm start`
// (already built) to /readyz answering 200, on an empty data folder (first start: creates the
// database) and on an existing one (restart); and resident memory once idle. Prints medians.
//   npm run bench:startup [-- --runs=5]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
let port = 4700;

async function start(command, args, dataDir) {
  const env = {
    ...process.env,
    PORT: String(++port),
    HOST: '127.0.0.1',
    FLAGSTAFF_DATA_DIR: dataDir,
    LOG_FORMAT: 'json',
  };
  for (const name of ['DATABASE_URL', 'REDIS_URL']) delete env[name];
  const began = performance.now();
  const child = spawn(command, args, { cwd: root, env, stdio: 'ignore', detached: true });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, readyMs: performance.now() - began };
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The server's resident memory (under npm start it is a grandchild of npm: look for main.js). */
async function serverRssMiB(pid) {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  for (const child of children.trim().split(/\s+/).filter(Boolean)) {
    const found = await serverRssMiB(Number(child));
    if (found) return found;
  }
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes('server/dist/main.js')) return undefined;
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** SIGTERM to the whole process group (npm, its shell, the server); waits until all are gone. */
async function stop(child) {
  process.kill(-child.pid, 'SIGTERM');
  for (;;) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const launchers = {
  'npm start': ['npm', ['start', '--silent']],
  'node server/dist/main.js': [process.execPath, ['server/dist/main.js']],
};
const results = Object.fromEntries(
  Object.keys(launchers).map((k) => [k, { first: [], restart: [], rss: [] }]),
);
for (let i = 0; i < runs; i++) {
  for (const [name, [command, args]] of Object.entries(launchers)) {
    const dataDir = await mkdtemp(join(tmpdir(), 'flagstaff-bench-'));
    try {
      const first = await start(command, args, dataDir);
      results[name].first.push(first.readyMs);
      await stop(first.child);
      const again = await start(command, args, dataDir);
      results[name].restart.push(again.readyMs);
      await new Promise((r) => setTimeout(r, 3000));
      results[name].rss.push(await serverRssMiB(again.child.pid));
      await stop(again.child);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}

const fmt = (xs, unit, digits = 0) =>
  `median ${median(xs).toFixed(digits)} ${unit}  (runs: ${xs.map((x) => x.toFixed(digits)).join(', ')})`;
console.log(`Flagstaff start-up on the embedded default (already built), ${runs} runs each`);
for (const [name, r] of Object.entries(results)) {
  console.log(`\`${name}\``);
  console.log(`  first start (empty data folder) to /readyz 200: ${fmt(r.first, 'ms')}`);
  console.log(`  restart (existing data folder) to /readyz 200:  ${fmt(r.restart, 'ms')}`);
  console.log(`  resident memory, idle 3 s after restart:         ${fmt(r.rss, 'MiB', 1)}`);
}
