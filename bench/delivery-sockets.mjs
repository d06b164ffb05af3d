// Load process measuring the server side of propagation: N raw SSE connections (round robin over
// the given servers, no SDK, so the load process adds as little as it can), then W writes through
// GraphQL on the first server; for each write, the time from sending it until each connection
// has received the patch. Prints one JSON line of latencies (ms).
//   node bench/delivery-sockets.mjs <sdkKey> <adminToken> <connections> <writes> <url> [<url>…]
import { connect } from 'node:net';
import { graphqlClient } from './support.mjs';

const [sdkKey, adminToken, count, writes, ...urls] = process.argv.slice(2);
const streams = [];

function open(url) {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const stream = { seen: [] };
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        `GET /sdk/v1/stream HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${sdkKey}\r\n\r\n`,
      ),
    );
    socket.setEncoding('utf8');
    let opened = false;
    socket.on('data', (chunk) => {
      if (!opened) {
        opened = true;
        done(stream);
      }
      // The versions of the events in this chunk (a late socket may get one for several writes).
      const at = performance.now();
      for (const m of chunk.matchAll(/^id: (\d+)$/gm)) stream.seen.push({ version: Number(m[1]), at });
    });
    socket.once('error', fail);
    stream.socket = socket;
  });
}

for (let i = 0; i < Number(count); i += 250) {
  const batch = Array.from({ length: Math.min(250, Number(count) - i) }, (_, j) =>
    open(urls[(i + j) % urls.length]),
  );
  streams.push(...(await Promise.all(batch)));
}

const gql = graphqlClient(urls[0], adminToken);
const current = await gql(
  '{ flag(project: "default", key: "propagation") { config(environment: "development") { version } } }',
);
let version = current.flag.config.version;
const latencies = [];
// The first writes after start-up run code the servers and clients have not compiled yet: they
// warm up and are not counted (steady state is what a running deployment sees).
const WARM_UP_WRITES = 3;
const arrivalOf = (stream, target) => stream.seen.find((s) => s.version >= target)?.at;
for (let w = -WARM_UP_WRITES; w < Number(writes); w++) {
  const share = 1000 * (w + WARM_UP_WRITES + 1);
  const sent = performance.now();
  const data = await gql(
    `mutation($v: Int!, $on: Int!, $off: Int!) { updateFlagConfig(project: "default", environment: "development", flag: "propagation", expectedVersion: $v, input: { enabled: true, fallthrough: { rollout: { weights: [{ variation: "on", weight: $on }, { variation: "off", weight: $off }] } } }) { version } }`,
    { v: version, on: share, off: 100_000 - share },
  );
  version = data.updateFlagConfig.version;
  while (streams.some((s) => arrivalOf(s, version) === undefined)) {
    await new Promise((done) => setTimeout(done, 5));
  }
  if (w >= 0) for (const s of streams) latencies.push(arrivalOf(s, version) - sent);
  for (const s of streams) s.seen.length = 0;
  await new Promise((done) => setTimeout(done, 200));
}
for (const s of streams) s.socket.destroy();
process.stdout.write(`${JSON.stringify(latencies)}\n`);
