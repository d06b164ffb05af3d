// Server-Sent Events parsed as the WHATWG HTML standard specifies (§ "Interpreting an event
// stream"): lines end in CRLF, LF or CR; `data:` lines accumulate; a blank line dispatches; `id`
// persists across events; `retry` takes digits only; lines starting with ":" are comments; an
// event not closed by a blank line when the stream ends is dropped. Input may be split anywhere,
// including inside a UTF-8 sequence or between CR and LF.

export interface SseEvent {
  /** The `event:` field, or "message" when the event had none. */
  type: string;
  data: string;
  /** The last `id:` seen on this stream so far (it carries over to later events). */
  lastEventId: string;
}

export interface SseHandlers {
  event(event: SseEvent): void;
  /** A `retry:` field: the server's reconnection time in milliseconds. */
  retry?(ms: number): void;
  comment?(text: string): void;
}

const CR = 13;
const LF = 10;

export class SseParser {
  // A leading byte-order mark is stripped by the decoder, as the standard requires.
  private readonly decoder = new TextDecoder('utf-8');
  /** The start of a line whose end has not arrived yet. */
  private partial = '';
  /** The previous input ended in CR: an LF opening the next input belongs to that line end. */
  private skipLineFeed = false;
  private data = '';
  private hasData = false;
  private type = '';
  private lastEventId = '';

  constructor(private readonly handlers: SseHandlers) {}

  /** Feeds bytes (decoded as UTF-8, sequences split across calls are fine) or already-decoded text. */
  push(chunk: Uint8Array | string): void {
    this.feed(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
  }

  /** The stream ended: flushes the decoder and drops an event that was not completed. */
  end(): void {
    const rest = this.decoder.decode();
    if (rest) this.feed(rest);
    this.partial = '';
    this.skipLineFeed = false;
    this.data = '';
    this.hasData = false;
    this.type = '';
  }

  private feed(text: string): void {
    let i = 0;
    if (this.skipLineFeed && text.length > 0) {
      this.skipLineFeed = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    const n = text.length;
    while (i < n) {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === LF || c === CR) break;
        j++;
      }
      if (j === n) {
        this.partial += text.slice(i);
        return;
      }
      const line = this.partial + text.slice(i, j);
      this.partial = '';
      if (text.charCodeAt(j) === CR) {
        if (j + 1 === n) this.skipLineFeed = true;
        else if (text.charCodeAt(j + 1) === LF) j++;
      }
      i = j + 1;
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    const colon = line.indexOf(':');
    if (colon === 0) {
      this.handlers.comment?.(line.slice(1));
      return;
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data = this.hasData ? `${this.data}\n${value}` : value;
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.handlers.retry?.(Number(value));
        break;
      default:
      // Unknown fields are ignored.
    }
  }

  private dispatch(): void {
    const type = this.type;
    const data = this.data;
    const hasData = this.hasData;
    this.type = '';
    this.data = '';
    this.hasData = false;
    if (!hasData) return;
    this.handlers.event({ type: type === '' ? 'message' : type, data, lastEventId: this.lastEventId });
  }
}
