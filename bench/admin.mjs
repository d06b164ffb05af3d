// Flag updates per second through GraphQL on one server instance, with p50/p99 latency.
// Starts the built server on a fresh Postgres database (DATABASE_URL, default the local one) or on
// embedded PGlite, creates flags, then has N concurrent clients toggle them in one environment,
// each edit naming the version it was based on (as the console does). Prints medians of runs.
//   npm run bench:admin [-- --backend=postgres|pglite --runs=5 --seconds=10 --concurrency=1,16]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDatabase, graphqlClient, median, percentile, startServer } from './support.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const backend = arg('backend', 'postgres');
const runs = Number(arg('runs', 5));
const seconds = Number(arg('seconds', 10));
const concurrencies = arg('concurrency', '1,16').split(',').map(Number);
const FLAGS = 64;

/** The server on a fresh Postgres database, or on embedded PGlite in a fresh data folder. */
async function start() {
  if (backend === 'postgres') {
    const database = await benchDatabase();
    const server = await startServer({ DATABASE_URL: database.url });
    return { server, cleanup: database.drop };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'flagstaff-bench-'));
  const server = await startServer({ DATABASE_URL: '', FLAGSTAFF_DATA_DIR: dataDir });
  return { server, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
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
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
  };
}

const { server, cleanup } = await start();
try {
  const gql = graphqlClient(server.url, /Owner token:\s+(\S+)/.exec(server.output())[1]);
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
  await server.stop();
  await cleanup();
}
