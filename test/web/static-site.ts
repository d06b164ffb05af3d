// A tiny static web server for browser tests: the sdk-web bundle, a few vendor modules and the
// test's own pages, on 127.0.0.1 (another origin than the Flagstaff server, so CORS is real).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
};

export class StaticSite {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** Every path the browser asked for, in order. */
    readonly requested: string[],
  ) {}

  /**
   * Serves `pages` (path → HTML) as they are, and under each `dirs` prefix (e.g. "/sdk/") the files
   * of that folder.
   */
  static async start(pages: Record<string, string>, dirs: Record<string, string>): Promise<StaticSite> {
    const requested: string[] = [];
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      requested.push(path);
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      if (Object.hasOwn(pages, path)) return send(200, TYPES['.html']!, pages[path]!);
      const prefix = Object.keys(dirs).find((p) => path.startsWith(p));
      if (prefix === undefined) return send(404, 'text/plain', 'not found');
      const relative = normalize(path.slice(prefix.length));
      if (relative.startsWith('..')) return send(404, 'text/plain', 'not found');
      readFile(join(dirs[prefix]!, relative)).then(
        (body) => send(200, TYPES[extname(relative)] ?? 'application/octet-stream', body),
        () => send(404, 'text/plain', 'not found'),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new StaticSite(server, `http://127.0.0.1:${port}`, requested);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
