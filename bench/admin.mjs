// Flag updates per second through GraphQL on one server instance, with p50/p99 latency.
// Starts the built server on a fresh Postgres database (DATABASE_URL, default the local one) or on
// embedded PGlite, creates flags, then has N concurrent clients toggle them in one environment,
// each edit naming the version it was based on (as the console does). Prints medians of runs.
//   npm run bench:admin [-- --backend=postgres|pglite --runs=5 --seconds=10 --concurrency=1,16]
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const backend = arg('backend', 'postgres');
const runs = Number(arg('runs', 5));
const seconds = Number(arg('seconds', 10));
const concurrencies = arg('concurrency', '1,16').split(',').map(Number);
const FLAGS = 64;
const port = 4791;
const url = `http://127.0.0.1:${port}`;

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withAdmin(work) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function startServer() {
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  delete env.REDIS_URL;
  let cleanup;
  if (backend === 'postgres') {
    const name = `flagstaff_bench_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE ${name}`));
    const dbUrl = new URL(adminUrl);
    dbUrl.pathname = `/${name}`;
    env.DATABASE_URL = dbUrl.toString();
    cleanup = () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  } else {
    delete env.DATABASE_URL;
    env.FLAGSTAFF_DATA_DIR = await mkdtemp(join(tmpdir(), 'flagstaff-bench-'));
    cleanup = () => rm(env.FLAGSTAFF_DATA_DIR, { recursive: true, force: true });
  }
  const child = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const token = /Owner token:\s+(\S+)/.exec(out)?.[1];
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && token) return { child, token, cleanup };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopServer({ child, cleanup }) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  await cleanup();
}

function client(token) {
  return async (query, variables) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

const TOGGLE = `mutation($flag: String!, $enabled: Boolean!, $v: Int!) {
  setFlagEnabled(project: "default", environment: "development", flag: $flag, enabled: $enabled, expectedVersion: $v) { version }
}`;

async function measure(gql, flags, concurrency) {
  const latencies = [];
  const deadline = performance.now() + seconds * 1000;
  const worker = async (w) => {
    const mine = flags.filter((_, i) => i % concurrency === w);
    for (let i = 0; performance.now() < deadline; i++) {
      const flag = mine[i % mine.length];
      const began = performance.now();
      const data = await gql(TOGGLE, { flag: flag.key, enabled: !flag.enabled, v: flag.version });
      latencies.push(performance.now() - began);
      flag.enabled = !flag.enabled;
      flag.version = data.setFlagEnabled.version;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { perSecond: latencies.length / elapsed, p50: pct(0.5), p99: pct(0.99) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const server = await startServer();
try {
  const gql = client(server.token);
  const flags = [];
  for (let i = 0; i < FLAGS; i++) {
    const key = `bench-${i}`;
    await gql(
      `mutation($key: String!) { createFlag(project: "default", input: { key: $key, name: $key, kind: BOOLEAN }) { key } }`,
      { key },
    );
    flags.push({ key, enabled: false, version: 1 });
  }
  await measure(gql, flags, 4); // warm-up: JIT, connection pool, caches
  console.log(
    `flag updates through GraphQL, one instance, ${backend}, ${runs} runs of ${seconds} s (medians)`,
  );
  for (const concurrency of concurrencies) {
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await measure(gql, flags, concurrency));
    console.log(
      `  ${String(concurrency).padStart(2)} concurrent clients: ${median(results.map((x) => x.perSecond)).toFixed(0)} updates/s, ` +
        `p50 ${median(results.map((x) => x.p50)).toFixed(1)} ms, p99 ${median(results.map((x) => x.p99)).toFixed(1)} ms` +
        `   (runs: ${results.map((x) => x.perSecond.toFixed(0)).join(', ')} /s)`,
    );
  }
} finally {
  await stopServer(server);
}
