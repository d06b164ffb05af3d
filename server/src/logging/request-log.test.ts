import { describe, expect, it } from '@jest/globals';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequestLog } from './request-log.js';

function complete(url: string, routeUrl: string | undefined, statusCode = 404) {
  const lines: { level: string; line: Record<string, unknown> }[] = [];
  const log = (level: string) => (line: Record<string, unknown>) => lines.push({ level, line });
  const reply = {
    statusCode,
    elapsedTime: 1.23,
    log: { info: log('info'), debug: log('debug'), error: log('error') },
  } as unknown as FastifyReply;
  const request = { method: 'GET', url, routeOptions: { url: routeUrl } } as unknown as FastifyRequest;
  new RequestLog().requestCompleted(undefined, request, reply);
  return lines;
}

describe('RequestLog', () => {
  it('logs the route pattern of a matched request, not its query', () => {
    expect(complete('/sdk/v1/stream?key=fsc_secret', '/sdk/v1/stream', 200)).toEqual([
      { level: 'info', line: { method: 'GET', path: '/sdk/v1/stream', status: 200, ms: 1.2 } },
    ]);
  });

  it('leaves the query out for a path no route matched, since it may carry a key', () => {
    const [entry] = complete('/wrong/base/sdk/v1/stream?key=fsc_secret', undefined);
    expect(entry!.line.path).toBe('/wrong/base/sdk/v1/stream');
    expect(JSON.stringify(entry)).not.toContain('fsc_secret');
  });

  it('keeps probes at debug level, whatever their query', () => {
    expect(complete('/healthz?probe=1', undefined, 200)[0]!.level).toBe('debug');
  });
});
