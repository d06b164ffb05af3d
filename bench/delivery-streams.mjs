// Load process of the idle-streams benchmark: opens N SSE streams to one server with raw sockets
// (no SDK, so the load process stays small), waits for each to receive its first event, prints
// "open" and holds them until stdin closes.
//   node bench/delivery-streams.mjs <url> <sdkKey> <count>
import { connect } from 'node:net';

const [url, sdkKey, count] = process.argv.slice(2);
const { hostname, port } = new URL(url);
const request = `GET /sdk/v1/stream HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer ${sdkKey}\r\nAccept: text/event-stream\r\n\r\n`;
const sockets = [];

function open() {
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.once('data', () => {
      socket.on('data', () => {});
      done();
    });
    socket.once('error', fail);
    sockets.push(socket);
  });
}

for (let i = 0; i < Number(count); i += 500) {
  await Promise.all(Array.from({ length: Math.min(500, Number(count) - i) }, open));
}
process.stdout.write('open\n');
process.stdin.resume();
process.stdin.on('end', () => {
  for (const s of sockets) s.destroy();
  process.exit(0);
});
