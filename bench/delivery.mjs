// SDK delivery figures (issue 6), all on this machine over 127.0.0.1, with bounded load:
//  1. propagation: a GraphQL write on instance A → `change` events of N sdk-node clients streaming
//     from A and B (2 instances, one Postgres, a Redis of the benchmark's own), in a separate load
//     process: p50 / p99 over every client and write (after 3 warm-up writes); and the same at N
//     raw SSE connections;
//  2. snapshot revalidations (304) per second on one instance, autocannon, 64 connections;
//  3. idle streams held by one instance: resident memory per stream, 10,000 streams from a
//     separate load process.
// Prints medians of several runs.
//   npm run bench:delivery [-- --clients=1000 --writes=20 --streams=10000 --runs=3 --seconds=10]
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import {
  benchDatabase,
  graphqlClient,
  median,
  ownRedis,
  percentile,
  root,
  rssKiB,
  startServer,
} from './support.mjs';

const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const clients = arg('clients', 1000);
const writes = arg('writes', 20);
const streams = arg('streams', 10_000);
const runs = arg('runs', 3);
const seconds = arg('seconds', 10);

function run(script, args, { stdin = 'ignore', until } = {}) {
  const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: [stdin, 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise((done, fail) =>
    child.once('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${script} exited with ${code}`)))),
  );
  const reached = until
    ? new Promise((done) => child.stdout.on('data', () => out.includes(until) && done()))
    : exited;
  return { child, exited, reached };
}

const database = await benchDatabase();
const redis = await ownRedis();
const env = { DATABASE_URL: database.url, REDIS_URL: redis.url };
const a = await startServer(env);
const b = await startServer(env);
try {
  const token = /Owner token:\s+(\S+)/.exec(a.output())[1];
  const gql = graphqlClient(a.url, token);
  await gql(
    'mutation { createFlag(project: "default", input: { key: "propagation", name: "P", kind: BOOLEAN }) { key } }',
  );
  const { createSdkKey } = await gql(
    'mutation { createSdkKey(project: "default", environment: "development", input: { name: "bench", kind: SERVER }) { secret } }',
  );
  const sdkKey = createSdkKey.secret;

  console.log(`SDK delivery, 2 instances on Postgres + Redis, this machine (medians of ${runs} runs)`);

  // The same writes, measured twice: at N sdk-node clients (`change` events; all N share one load
  // process, whose event loop handles them one after another) and at N raw connections (the
  // patch's bytes arriving: what the servers themselves take).
  for (const [script, what] of [
    ['bench/delivery-clients.mjs', 'SDK `change` event'],
    ['bench/delivery-sockets.mjs', 'patch bytes at a raw SSE connection'],
  ]) {
    const p50s = [];
    const p99s = [];
    for (let r = 0; r < runs; r++) {
      const { exited } = run(script, [sdkKey, token, String(clients), String(writes), a.url, b.url]);
      const latencies = JSON.parse(await exited).sort((x, y) => x - y);
      p50s.push(percentile(latencies, 0.5));
      p99s.push(percentile(latencies, 0.99));
    }
    console.log(
      `  propagation write → ${what}, ${clients} streams on A and B, ${writes} writes: ` +
        `p50 ${median(p50s).toFixed(1)} ms, p99 ${median(p99s).toFixed(1)} ms` +
        `   (p99 per run: ${p99s.map((x) => x.toFixed(1)).join(', ')} ms)`,
    );
  }

  const snapshot = await fetch(`${a.url}/sdk/v1/snapshot`, {
    headers: { authorization: `Bearer ${sdkKey}` },
  });
  const etag = snapshot.headers.get('etag');
  const rates = [];
  for (let r = 0; r < runs; r++) {
    const result = await autocannon({
      url: `${a.url}/sdk/v1/snapshot`,
      connections: 64,
      duration: seconds,
      headers: { authorization: `Bearer ${sdkKey}`, 'if-none-match': etag },
    });
    const not304 = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => code !== '304');
    if (not304.length > 0 || result.errors > 0)
      throw new Error(`not only 304s: ${JSON.stringify(result.statusCodeStats)}`);
    rates.push(result.requests.average);
  }
  console.log(
    `  snapshot revalidations (304), one instance, 64 connections: ${median(rates).toFixed(0)} requests/s` +
      `   (runs: ${rates.map((x) => x.toFixed(0)).join(', ')})`,
  );

  // A fresh instance per run, so garbage of earlier phases does not come or go in the reading.
  const perStream = [];
  for (let r = 0; r < runs; r++) {
    const fresh = await startServer(env);
    try {
      await fetch(`${fresh.url}/sdk/v1/snapshot`, { headers: { authorization: `Bearer ${sdkKey}` } });
      await new Promise((done) => setTimeout(done, 3000));
      const before = await rssKiB(fresh.pid);
      const load = run('bench/delivery-streams.mjs', [fresh.url, sdkKey, String(streams)], {
        stdin: 'pipe',
        until: 'open',
      });
      await load.reached;
      await new Promise((done) => setTimeout(done, 3000));
      const after = await rssKiB(fresh.pid);
      perStream.push((after - before) / streams);
      load.child.stdin.end();
      await load.exited;
    } finally {
      await fresh.stop();
    }
  }
  console.log(
    `  idle streams on one instance: ${streams} open, ${median(perStream).toFixed(1)} KiB resident memory each` +
      `   (runs: ${perStream.map((x) => x.toFixed(1)).join(', ')} KiB)`,
  );
} finally {
  await Promise.allSettled([a.stop(), b.stop()]);
  redis.stop();
  await database.drop();
}
