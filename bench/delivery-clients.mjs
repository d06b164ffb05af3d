// Load process of the propagation benchmark: N sdk-node clients streaming from the given servers
// (round robin), then W writes through GraphQL on the first server; for each write, the time from
// sending it to each client's `change` event. Prints one JSON line of latencies (ms).
//   node bench/delivery-clients.mjs <sdkKey> <adminToken> <clients> <writes> <url> [<url>…]
import { createClient } from '@flagstaff/sdk-node';
import { graphqlClient } from './support.mjs';

const [sdkKey, adminToken, count, writes, ...urls] = process.argv.slice(2);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const clients = Array.from({ length: Number(count) }, (_, i) =>
  createClient({ sdkKey, baseUrl: urls[i % urls.length], logger: quiet }),
);
const ready = await Promise.all(clients.map((c) => c.waitForReady({ timeoutMs: 60_000 })));
if (ready.some((r) => !r)) throw new Error('not every client got a snapshot');

const gql = graphqlClient(urls[0], adminToken);
const latencies = [];
const current = await gql(
  '{ flag(project: "default", key: "propagation") { config(environment: "development") { version } } }',
);
let version = current.flag.config.version;
// The first writes after start-up run code the servers and clients have not compiled yet: they
// warm up and are not counted (steady state is what a running deployment sees).
const WARM_UP_WRITES = 3;
for (let w = -WARM_UP_WRITES; w < Number(writes); w++) {
  const arrived = clients.map((c) => new Promise((done) => c.once('change', () => done(performance.now()))));
  const sent = performance.now();
  const data = await gql(
    `mutation($v: Int!, $e: Boolean!) { setFlagEnabled(project: "default", environment: "development", flag: "propagation", enabled: $e, expectedVersion: $v) { version } }`,
    { v: version, e: w % 2 !== 0 },
  );
  version = data.setFlagEnabled.version;
  if (process.env.BENCH_DEBUG)
    process.stderr.write(`write answered after ${(performance.now() - sent).toFixed(1)} ms\n`);
  const arrivals = await Promise.all(arrived);
  if (w >= 0) for (const at of arrivals) latencies.push(at - sent);
  await new Promise((done) => setTimeout(done, 200));
}
await Promise.all(clients.map((c) => c.close()));
process.stdout.write(`${JSON.stringify(latencies)}\n`);
