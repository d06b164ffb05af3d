/** How long an EventSource waits before reconnecting after the stream ends (the `retry:` hint). */
export const RETRY_MS = 1000;

/** The first bytes of every stream: flushes the headers and sets the client's reconnect delay. */
export const RETRY_FRAME = Buffer.from(`retry: ${RETRY_MS}\n\n`);

/** A comment line: keeps proxies from closing an idle stream; EventSource ignores it. */
export const PING_FRAME = Buffer.from(': ping\n\n');

export type SseEventName = 'snapshot' | 'patch';

/**
 * One Server-Sent Event. `data` is JSON, which never holds a raw line break (JSON.stringify
 * escapes them), so it is one `data:` line.
 */
export function sseFrame(event: SseEventName, id: number, data: string | Buffer): Buffer {
  const head = Buffer.from(`event: ${event}\nid: ${id}\ndata: `);
  const body = typeof data === 'string' ? Buffer.from(data) : data;
  if (body.includes(0x0a) || body.includes(0x0d)) {
    throw new RangeError('SSE data must be a single line');
  }
  return Buffer.concat([head, body, Buffer.from('\n\n')]);
}

/** The version an SDK says it holds (`Last-Event-ID`), or undefined when it says nothing usable. */
export function lastEventVersion(header: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,15}$/.test(raw.trim())) return undefined;
  return Number(raw.trim());
}
