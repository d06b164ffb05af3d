import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cacheControlFor, consoleBuilt, isConsoleRoute } from './console-files.js';
import { CONSOLE_MISSING_PAGE } from './console-missing-page.js';

const pathOf = (request: FastifyRequest) => request.url.split('?')[0]!;

/**
 * The console at `/`: the files of its build in `dist`, index.html for the console's own routes
 * (so a shared link opens), or, when it was not built, a page saying how to build it. Requests
 * that are not a browser opening a console route fall through to the server's 404.
 */
export function serveConsole(fastify: FastifyInstance, dist: string): void {
  if (!consoleBuilt(dist)) {
    const missing = (request: FastifyRequest, reply: FastifyReply) => {
      if (pathOf(request) !== '/' && !isConsoleRoute(pathOf(request), request.headers.accept)) {
        return reply.callNotFound();
      }
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(CONSOLE_MISSING_PAGE);
    };
    fastify.get('/', missing);
    fastify.get('/*', missing);
    return;
  }
  void fastify.register(fastifyStatic, {
    root: dist,
    // One route per built file, found at start-up: unknown paths fall through to the route below.
    wildcard: false,
    cacheControl: false,
    preCompressed: true,
    setHeaders: (reply, file) => void reply.header('cache-control', cacheControlFor(file)),
  });
  fastify.get('/*', (request, reply) => {
    if (!isConsoleRoute(pathOf(request), request.headers.accept)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
}
