import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, RouteOptions } from 'fastify';

/**
 * Gives one route a smaller request body limit than the server-wide one (which is sized for
 * segments of 100,000 keys). Nest has no decorator for Fastify's per-route `bodyLimit`, so this
 * sets it as Fastify registers the route: call it from a module's `configure()`, which Nest runs
 * before it registers any route.
 */
export function limitRouteBody(
  http: HttpAdapterHost,
  method: RouteOptions['method'],
  url: string,
  bodyLimit: number,
): void {
  const fastify = http.httpAdapter.getInstance<FastifyInstance>();
  fastify.addHook('onRoute', (route) => {
    if (route.url === url && route.method === method) route.bodyLimit = bodyLimit;
  });
}
