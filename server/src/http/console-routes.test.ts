import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { serveConsole } from './console-routes.js';

const dirs: string[] = [];
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const INDEX = '<!doctype html><title>Flagstaff</title><div id="root"></div>';
const SCRIPT = 'console.log("flagstaff");';

interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The console's routes on a real socket (light-my-request's inject does not load under jest's ESM). */
interface Served {
  inject(request: { url: string; headers?: Record<string, string> }): Promise<Answer>;
}

async function consoleWith(files: Record<string, string | Buffer>): Promise<Served> {
  const dist = await mkdtemp(join(tmpdir(), 'flagstaff-console-'));
  dirs.push(dist);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dist, name, '..'), { recursive: true });
    await writeFile(join(dist, name), content);
  }
  const server = Fastify();
  app = server;
  serveConsole(server, dist);
  const base = await server.listen({ port: 0, host: '127.0.0.1' });
  return {
    async inject({ url, headers = {} }) {
      // fetch would decompress and drop content-encoding; the raw answer is what is checked.
      const response = await fetch(base + url, { headers: { 'accept-encoding': 'identity', ...headers } });
      const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
      return { statusCode: response.status, headers: Object.fromEntries(response.headers), body };
    },
  };
}

const html = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe('serveConsole with a built console', () => {
  const built = () =>
    consoleWith({
      'index.html': INDEX,
      'assets/index-abc123.js': SCRIPT,
      'assets/index-abc123.js.br': brotliCompressSync(SCRIPT),
    });

  it('serves index.html at / and revalidates it on every load', async () => {
    const server = await built();
    const response = await server.inject({ url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX);
  });

  it('opens a shared link to a console page with index.html', async () => {
    const server = await built();
    const response = await server.inject({ url: '/projects/default/flags?tag=checkout', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toBe(INDEX);
  });

  it('serves hashed files as immutable, compressed when the browser accepts it', async () => {
    const server = await built();
    const plain = await server.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.body).toBe(SCRIPT);
    const compressed = await server.inject({
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers missing files, API paths and non-browser requests with a 404, not the page', async () => {
    const server = await built();
    for (const request of [
      { url: '/assets/index-old999.js', headers: html },
      { url: '/graphql/nope', headers: html },
      { url: '/healthz', headers: html },
      { url: '/no/such/route', headers: { accept: '*/*' } },
    ]) {
      expect((await server.inject(request)).statusCode).toBe(404);
    }
  });
});

describe('serveConsole without a build', () => {
  it('says at / how to build the console instead of a 404', async () => {
    const server = await consoleWith({});
    const response = await server.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('npm run build');
    expect((await server.inject({ url: '/projects/default/flags', headers: html })).body).toContain(
      'npm run build',
    );
    expect((await server.inject({ url: '/no/such/route', headers: { accept: '*/*' } })).statusCode).toBe(404);
  });
});
