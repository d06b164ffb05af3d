import { Controller, Get, Options, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Lifecycle } from '../app/lifecycle.js';
import { SDK_CORS_HEADERS, SDK_PREFLIGHT_HEADERS } from './sdk-cors.js';
import { SdkKeyAuthenticator } from './sdk-key-authenticator.js';
import { authenticateSdkRequest } from './sdk-request.js';
import { SnapshotCache } from './snapshot-cache.js';
import { lastEventVersion, RETRY_FRAME } from './sse-frames.js';
import { StreamHub } from './stream-hub.js';

/** `GET /sdk/v1/stream`: Server-Sent Events (docs/delivery-protocol.md); StreamHub keeps them. */
@Controller('sdk/v1')
export class StreamController {
  constructor(
    private readonly keys: SdkKeyAuthenticator,
    private readonly cache: SnapshotCache,
    private readonly hub: StreamHub,
    private readonly lifecycle: Lifecycle,
  ) {}

  @Get('stream')
  async stream(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = await authenticateSdkRequest(this.keys, request, reply);
    if (this.lifecycle.draining) {
      throw new ServiceUnavailableException({
        code: 'DRAINING',
        message: 'this instance is shutting down; connect again',
      });
    }
    // Built (or found) before the stream opens, so a failure is an error answer, not a stream
    // that ends at once and is reconnected to every second.
    await this.cache.current(key.environmentId, key.kind);
    reply.hijack();
    const response = reply.raw;
    // The stream ends with its connection, so it needs no chunked framing: each event is one
    // plain socket write instead of three buffers (size, data, CRLF), on both ends.
    response.useChunkedEncodingByDefault = false;
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      // The stream ends only to be reconnected; its socket is not kept for another request.
      connection: 'close',
      // nginx and similar proxies otherwise buffer the events.
      'x-accel-buffering': 'no',
      'x-request-id': String(request.id),
      ...(key.kind === 'client' ? SDK_CORS_HEADERS : {}),
    });
    response.write(RETRY_FRAME);
    // Browsers cannot set Last-Event-ID on a new EventSource: they may name it in the query.
    const query = request.query as Record<string, string | string[] | undefined> | undefined;
    const resumeFrom = request.headers['last-event-id'] ?? query?.lastEventId;
    this.hub.open(response, key, lastEventVersion(resumeFrom));
  }

  @Options('stream')
  preflight(@Res() reply: FastifyReply): void {
    void reply.code(204).headers(SDK_PREFLIGHT_HEADERS).send();
  }
}
