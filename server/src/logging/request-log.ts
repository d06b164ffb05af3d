import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** Probes hit every few seconds, and every SDK revalidates its snapshot; their lines would drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const SNAPSHOT = '/sdk/v1/snapshot';

/**
 * One line per request, when it completes (method, path, status, time, request id), instead of
 * Fastify's two. Probes, scrapes and snapshot revalidations answered 304 are logged only at debug level.
 */
export class RequestLog extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'reqId' });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = {
      method: request.method,
      // The route's pattern, or for an unmatched path the path alone: a query may carry a key.
      path: request.routeOptions.url ?? pathOf(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else if (QUIET_PATHS.has(line.path) || (line.path === SNAPSHOT && reply.statusCode === 304)) {
      reply.log.debug(line, 'request');
    } else reply.log.info(line, 'request');
  }
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}
