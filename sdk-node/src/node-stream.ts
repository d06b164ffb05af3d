// The SSE stream over node:http(s): sdk-node's StreamTransport for sdk-core's SnapshotFeed.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  FlagstaffError,
  httpError,
  networkError,
  STREAM_PATH,
  type Clock,
  type StreamListener,
  type StreamTransport,
  type TimerHandle,
} from '@flagstaff/sdk-core/client';
import { SseParser } from './sse-parser.js';

export const SDK_NODE_VERSION = '0.1.0';
export const USER_AGENT = `flagstaff-sdk-node/${SDK_NODE_VERSION}`;
/** The server pings every 15 s: three missed pings mean the connection is dead. */
export const STREAM_IDLE_TIMEOUT_MS = 45_000;

/**
 * node:http rather than fetch: with many clients in a process, the web-streams machinery (async
 * reads, abort signals, TextDecoder) cost as much per event as the SDK's own work. Chunks arrive as
 * UTF-8 text and go straight to the parser. Unlike a browser's EventSource, this sees the server's
 * pings, so it ends a connection that stays silent for STREAM_IDLE_TIMEOUT_MS.
 */
export class NodeStream implements StreamTransport {
  private readonly url: URL;

  constructor(
    baseUrl: URL,
    private readonly sdkKey: string,
    private readonly clock: Clock,
  ) {
    this.url = new URL(STREAM_PATH, baseUrl);
  }

  open(lastEventId: number | undefined, listener: StreamListener): () => void {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.sdkKey}`,
      accept: 'text/event-stream',
      'user-agent': USER_AGENT,
      'cache-control': 'no-cache',
    };
    if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);

    const clock = this.clock;
    let done = false;
    let idleTimer: TimerHandle;
    let lastDataAt = clock.now();
    const end: StreamListener['end'] = (how) => {
      if (done) return;
      done = true;
      clock.clearTimeout(idleTimer);
      listener.end(how);
    };
    // Idle watchdog: one timer, re-armed for the remaining time instead of on every chunk.
    const armIdle = (ms: number) => {
      idleTimer = clock.setTimeout(() => {
        const quiet = clock.now() - lastDataAt;
        if (quiet < STREAM_IDLE_TIMEOUT_MS) armIdle(STREAM_IDLE_TIMEOUT_MS - quiet);
        else {
          const error = new FlagstaffError('TIMEOUT', `stream: no data for ${STREAM_IDLE_TIMEOUT_MS} ms`);
          end({ kind: 'failed', error });
        }
      }, ms);
    };
    const url = this.url;
    const req: ClientRequest = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: 'GET',
      headers,
    });
    req.on('error', (e) => end({ kind: 'failed', error: networkError(e, 'stream') }));
    req.on('response', (res: IncomingMessage) => {
      res.on('error', (e) => end({ kind: 'failed', error: networkError(e, 'stream') }));
      if (done) return;
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        end({ kind: 'failed', error: httpError(status, 'stream') });
        return;
      }
      const type = res.headers['content-type'] ?? '';
      if (!type.toLowerCase().startsWith('text/event-stream')) {
        end({
          kind: 'failed',
          error: new FlagstaffError(
            'PROTOCOL',
            `stream: expected text/event-stream, got ${type || 'no type'}`,
          ),
        });
        return;
      }
      listener.open();
      lastDataAt = clock.now();
      armIdle(STREAM_IDLE_TIMEOUT_MS);
      const parser = new SseParser({
        event: (event) => {
          if (!done) listener.event(event.type, event.data, event.lastEventId);
        },
        retry: (ms) => listener.retry(ms),
      });
      // The string decoder keeps UTF-8 sequences split across chunks whole; the standard's
      // leading byte-order mark is dropped here (TextDecoder used to do it).
      res.setEncoding('utf8');
      let first = true;
      res.on('data', (chunk: string) => {
        if (done) return;
        lastDataAt = clock.now();
        if (first) {
          first = false;
          if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
        }
        parser.push(chunk);
      });
      res.on('end', () => end({ kind: 'ended' }));
      res.on('close', () => {
        if (!res.complete)
          end({ kind: 'failed', error: networkError(new Error('connection closed'), 'stream') });
        else end({ kind: 'ended' });
      });
    });
    req.end();
    return () => {
      done = true;
      clock.clearTimeout(idleTimer);
      req.destroy();
    };
  }
}
