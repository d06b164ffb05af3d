// The SSE stream through the browser's EventSource: sdk-web's StreamTransport for sdk-core's
// SnapshotFeed. EventSource cannot send headers, so the client key travels as `?key=` (the server
// takes client keys only there). Its own reconnection is not used: each connection is closed on
// its first error and the feed reconnects with jittered backoff, so pages cut off together do not
// return together. A new EventSource cannot send Last-Event-ID either, so the version held travels
// as `?lastEventId=`: the server then resumes with a patch (or nothing) instead of the snapshot.
import {
  FlagstaffError,
  STREAM_PATH,
  type StreamListener,
  type StreamTransport,
} from '@flagstaff/sdk-core/client';

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

export class EventSourceStream implements StreamTransport {
  /** EventSource hides the server's pings (comments), so an idle stream cannot be told from a dead one. */
  readonly reportsActivity = false;
  private readonly url: string;

  constructor(
    baseUrl: URL,
    clientKey: string,
    private readonly Source: EventSourceConstructor,
  ) {
    const url = new URL(STREAM_PATH, baseUrl);
    url.searchParams.set('key', clientKey);
    this.url = url.href;
  }

  open(lastEventId: number | undefined, listener: StreamListener): () => void {
    const source = new this.Source(
      lastEventId === undefined ? this.url : `${this.url}&lastEventId=${lastEventId}`,
    );
    let opened = false;
    let done = false;
    const end: StreamListener['end'] = (how) => {
      if (done) return;
      done = true;
      source.close();
      listener.end(how);
    };
    source.onopen = () => {
      opened = true;
      if (!done) listener.open();
    };
    const onEvent = (event: MessageEvent<string>) => {
      if (done) return;
      listener.activity();
      listener.event(event.type, event.data, event.lastEventId);
    };
    source.addEventListener('snapshot', onEvent);
    source.addEventListener('patch', onEvent);
    source.onerror = () => {
      if (source.readyState === CLOSED) {
        // The status is not visible here; the snapshot request that follows reports it exactly.
        end({
          kind: 'failed',
          error: new FlagstaffError('HTTP', 'stream: refused by the server (a bad key, or no event stream)'),
        });
      } else if (opened) end({ kind: 'ended' });
      else end({ kind: 'failed', error: new FlagstaffError('NETWORK', 'stream: cannot connect') });
    };
    return () => {
      done = true;
      source.close();
    };
  }
}
