// Propagation as an environment grows: with N flags in it, a GraphQL flag toggle → the `change`
// event of an sdk-node client streaming from the same server (one instance on a fresh Postgres
// database, no Redis). Every change rebuilds the environment's snapshot, so this is where a build
// that grows with N shows. Flags are created through GraphQL, as people and pipelines create them.
// Prints, per N: the median of `runs` runs' median propagation (each run `toggles` toggles), the
// slowest toggle of all, and the GraphQL write alone.
//   npm run bench:flag-count [-- --counts=100,1000,4000 --toggles=30 --runs=3]
import { createClient } from '../sdk-node/dist/index.js';
import { benchDatabase, graphqlClient, median, startServer } from './support.mjs';

const arg = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const counts = arg('counts', '100,1000,4000').split(',').map(Number);
const toggles = Number(arg('toggles', 30));
const runs = Number(arg('runs', 3));

const CREATE = `mutation($key: String!) {
  createFlag(project: "default", input: { key: $key, name: $key, kind: BOOLEAN,
    description: "A flag of the kind teams keep: a name, a description, two variations." }) { key } }`;
const TOGGLE = `mutation($enabled: Boolean!, $v: Int!) {
  setFlagEnabled(project: "default", environment: "development", flag: "flag-0", enabled: $enabled, expectedVersion: $v) { version } }`;
const SERVER_KEY = `mutation {
  createSdkKey(project: "default", environment: "development", input: { name: "bench", kind: SERVER }) { secret } }`;

const database = await benchDatabase();
const server = await startServer({ DATABASE_URL: database.url });
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
let client;
try {
  const gql = graphqlClient(server.url, /Owner token:\s+(\S+)/.exec(server.output())[1]);
  client = createClient({
    sdkKey: (await gql(SERVER_KEY)).createSdkKey.secret,
    baseUrl: server.url,
    logger: quiet,
  });
  if (!(await client.waitForReady({ timeoutMs: 10_000 })))
    throw new Error('the SDK client did not get ready');
  console.log(
    `propagation by flags in the environment: GraphQL toggle → sdk-node change event, ${runs} runs of ${toggles} toggles`,
  );
  let created = 0;
  let version = 1;
  let enabled = false;
  for (const count of counts) {
    while (created < count) await gql(CREATE, { key: `flag-${created++}` });
    const runMedians = [];
    const writeMedians = [];
    let slowest = 0;
    for (let run = 0; run < runs; run++) {
      const writes = [];
      const propagations = [];
      for (let i = 0; i < toggles; i++) {
        const began = performance.now();
        const heard = new Promise((resolve) => client.once('change', resolve));
        enabled = !enabled;
        version = (await gql(TOGGLE, { enabled, v: version })).setFlagEnabled.version;
        writes.push(performance.now() - began);
        await heard;
        propagations.push(performance.now() - began);
      }
      runMedians.push(median(propagations));
      writeMedians.push(median(writes));
      slowest = Math.max(slowest, ...propagations);
    }
    console.log(
      `  ${String(count).padStart(5)} flags: propagation median ${median(runMedians).toFixed(1)} ms ` +
        `(runs: ${runMedians.map((m) => m.toFixed(1)).join(', ')}), slowest ${slowest.toFixed(1)} ms; ` +
        `write alone median ${median(writeMedians).toFixed(1)} ms`,
    );
  }
} finally {
  await client?.close();
  await server.stop();
  await database.drop();
}
