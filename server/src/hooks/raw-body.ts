import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import { Readable } from 'node:stream';
import type { HookRequest } from './hook-request.js';

/**
 * Keeps the raw bytes of request bodies on routes under `prefix` (signatures are over the bytes,
 * not the parsed JSON) and limits their size. Other routes are left alone. Call from a module's
 * `configure()`, which Nest runs before it registers any route.
 */
export function keepRawBodies(http: HttpAdapterHost, prefix: string, bodyLimit: number): void {
  const fastify = http.httpAdapter.getInstance<FastifyInstance>();
  const keep: preParsingAsyncHookHandler = async (request: FastifyRequest, _reply, payload) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      size += (chunk as Buffer).length;
      // Counted here too: the body is buffered before Fastify's own limit would see it.
      if (size > bodyLimit) throw Object.assign(new Error('Request body is too large'), { statusCode: 413 });
      chunks.push(chunk as Buffer);
    }
    const raw = Buffer.concat(chunks);
    (request as HookRequest).rawBody = raw;
    return Readable.from([raw], { objectMode: false });
  };
  fastify.addHook('onRoute', (route) => {
    if (!route.url.startsWith(prefix)) return;
    route.bodyLimit = bodyLimit;
    const existing = route.preParsing === undefined ? [] : [route.preParsing].flat();
    route.preParsing = [...existing, keep];
  });
}
