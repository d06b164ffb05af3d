// The SSE stream through the browser's EventSource: sdk-web's StreamTransport for sdk-core's
// SnapshotFeed. EventSource cannot send headers, so the client key travels as `?key=` (the server
// takes client keys only there). Its own reconnection is not used: each connection is closed on
// its first error and the feed reconnects with jittered backoff, so pages cut off together do not
// return together. A new EventSource cannot send Last-Event-ID either, so the version held travels
// as `?lastEventId=`: the server then resumes with a patch (or nothing) instead of the snapshot.
import { FlagstaffError, STREAM_PATH, type StreamTransport } from '@flagstaff/sdk-core/client';

/** The part of the EventSource API the stream uses. */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** EventSource.CLOSED: the browser gave up (an HTTP error or not an event stream), it will not retry. */
const CLOSED = 2;

export function eventSourceStream(
  baseUrl: URL,
  clientKey: string,
  Source: EventSourceConstructor,
): StreamTransport {
  const url = new URL(STREAM_PATH, baseUrl);
  url.searchParams.set('key', clientKey);
  // EventSource hides the server's pings (comments): an idle stream cannot be told from a dead one.
  return {
    open(lastEventId, listener) {
      const source = new Source(
        lastEventId === undefined ? url.href : `${url.href}&lastEventId=${lastEventId}`,
      );
      // A closed EventSource dispatches nothing more, so nothing is reported after the end.
      let opened = false;
      source.onopen = () => {
        opened = true;
        listener.open();
      };
      const onEvent = (event: MessageEvent<string>) =>
        listener.event(event.type, event.data, event.lastEventId);
      source.addEventListener('snapshot', onEvent);
      source.addEventListener('patch', onEvent);
      source.onerror = () => {
        // CLOSED: the browser gave up. The status is not visible here; the snapshot request that
        // follows reports it exactly.
        const refused = source.readyState === CLOSED;
        source.close();
        listener.end(
          opened && !refused
            ? { kind: 'ended' }
            : {
                kind: 'failed',
                error: refused
                  ? new FlagstaffError('HTTP', 'stream: refused (a bad key, or not an event stream)')
                  : new FlagstaffError('NETWORK', 'stream: cannot connect'),
              },
        );
      };
      return () => source.close();
    },
  };
}
