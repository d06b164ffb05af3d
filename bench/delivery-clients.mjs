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
// When each client saw which version: a client that fell behind may get two writes in one patch
// (the server sends a late stream one event to the newest version), so a write counts as arrived
// at the first change of that version or a newer one. Every write sets a share of its own, so a
// combined patch is still a change.
const seen = clients.map(() => []);
clients.forEach((c, i) => c.on('change', (e) => seen[i].push({ version: e.version, at: performance.now() })));
const arrivalOf = (i, target) => seen[i].find((s) => s.version >= target)?.at;
// The first writes after start-up run code the servers and clients have not compiled yet: they
// warm up and are not counted (steady state is what a running deployment sees).
const WARM_UP_WRITES = 3;
for (let w = -WARM_UP_WRITES; w < Number(writes); w++) {
  const share = 1000 * (w + WARM_UP_WRITES + 1);
  const sent = performance.now();
  const data = await gql(
    `mutation($v: Int!, $on: Int!, $off: Int!) { updateFlagConfig(project: "default", environment: "development", flag: "propagation", expectedVersion: $v, input: { enabled: true, fallthrough: { rollout: { weights: [{ variation: "on", weight: $on }, { variation: "off", weight: $off }] } } }) { version } }`,
    { v: version, on: share, off: 100_000 - share },
  );
  version = data.updateFlagConfig.version;
  if (process.env.BENCH_DEBUG)
    process.stderr.write(`write answered after ${(performance.now() - sent).toFixed(1)} ms\n`);
  while (clients.some((_, i) => arrivalOf(i, version) === undefined)) {
    await new Promise((done) => setTimeout(done, 5));
  }
  if (w >= 0) for (let i = 0; i < clients.length; i++) latencies.push(arrivalOf(i, version) - sent);
  for (const s of seen) s.length = 0;
  await new Promise((done) => setTimeout(done, 200));
}
await Promise.all(clients.map((c) => c.close()));
process.stdout.write(`${JSON.stringify(latencies)}\n`);
