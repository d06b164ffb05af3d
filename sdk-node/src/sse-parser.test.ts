import { describe, expect, it } from '@jest/globals';
import { SseParser, type SseEvent } from './sse-parser.js';

interface Parsed {
  events: SseEvent[];
  retries: number[];
  comments: string[];
}

function parse(chunks: (string | Uint8Array)[]): Parsed {
  const out: Parsed = { events: [], retries: [], comments: [] };
  const parser = new SseParser({
    event: (e) => out.events.push(e),
    retry: (ms) => out.retries.push(ms),
    comment: (c) => out.comments.push(c),
  });
  for (const c of chunks) parser.push(c);
  parser.end();
  return out;
}

const STREAM =
  'retry: 1000\r\n\r\n' +
  ': ping\n\n' +
  'event: snapshot\nid: 42\ndata: {"version":42,\ndata: "name":"größe ✓ 😀"}\n\n' +
  'event: patch\rid: 43\rdata: {"from":42}\r\r' +
  'data:no space\r\ndata:  two spaces\r\n\r\n';

const EXPECTED: SseEvent[] = [
  { type: 'snapshot', data: '{"version":42,\n"name":"größe ✓ 😀"}', lastEventId: '42' },
  { type: 'patch', data: '{"from":42}', lastEventId: '43' },
  { type: 'message', data: 'no space\n two spaces', lastEventId: '43' },
];

describe('SseParser', () => {
  it('reads event, id, multi-line data, retry and comments with CRLF, CR and LF line ends', () => {
    const out = parse([STREAM]);
    expect(out.events).toEqual(EXPECTED);
    expect(out.retries).toEqual([1000]);
    expect(out.comments).toEqual([' ping']);
  });

  it('gives the same events whatever two places the bytes are split at', () => {
    const bytes = new TextEncoder().encode(STREAM);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j += 7) {
        const out = parse([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)]);
        if (JSON.stringify(out.events) !== JSON.stringify(EXPECTED)) {
          throw new Error(`split at ${i}/${j}: ${JSON.stringify(out.events)}`);
        }
      }
    }
  });

  it('gives the same events fed one byte, or one character, at a time', () => {
    const bytes = new TextEncoder().encode(STREAM);
    expect(parse([...bytes].map((b) => Uint8Array.of(b))).events).toEqual(EXPECTED);
    expect(parse([...STREAM]).events).toEqual(EXPECTED);
  });

  it('treats a CR at the end of one chunk and an LF at the start of the next as one line end', () => {
    const out = parse(['data: a\r', '\n', 'data: b\r', '\n\r', '\n']);
    expect(out.events).toEqual([{ type: 'message', data: 'a\nb', lastEventId: '' }]);
  });

  it('strips a leading byte-order mark', () => {
    const out = parse([Uint8Array.of(0xef, 0xbb, 0xbf), new TextEncoder().encode('data: x\n\n')]);
    expect(out.events).toEqual([{ type: 'message', data: 'x', lastEventId: '' }]);
  });

  it('does not dispatch an event without data, and resets the type after each event', () => {
    const out = parse(['event: patch\nid: 7\n\n', 'data: y\n\n']);
    expect(out.events).toEqual([{ type: 'message', data: 'y', lastEventId: '7' }]);
  });

  it('dispatches an empty data field as an empty string, and a bare field name as an empty value', () => {
    expect(parse(['data:\n\n']).events).toEqual([{ type: 'message', data: '', lastEventId: '' }]);
    expect(parse(['data\ndata\n\n']).events).toEqual([{ type: 'message', data: '\n', lastEventId: '' }]);
  });

  it('keeps the last id across events, ignores an id holding NUL, and allows clearing it', () => {
    const out = parse(['id: 1\ndata: a\n\n', 'data: b\n\n', 'id: 2\0\ndata: c\n\n', 'id\ndata: d\n\n']);
    expect(out.events.map((e) => e.lastEventId)).toEqual(['1', '1', '1', '']);
  });

  it('ignores a retry that is not all digits, and unknown fields', () => {
    const out = parse(['retry: 10s\nretry: -5\nretry: 2500\nfoo: bar\ndata: z\n\n']);
    expect(out.retries).toEqual([2500]);
    expect(out.events).toEqual([{ type: 'message', data: 'z', lastEventId: '' }]);
  });

  it('drops an event the stream ended in the middle of', () => {
    expect(parse(['data: complete\n\n', 'event: patch\ndata: cut off\n']).events).toEqual([
      { type: 'message', data: 'complete', lastEventId: '' },
    ]);
  });

  it('keeps a large data line split across many chunks intact', () => {
    const big = 'x'.repeat(200_000);
    const text = `event: snapshot\ndata: ${big}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 1000) chunks.push(text.slice(i, i + 1000));
    expect(parse(chunks).events).toEqual([{ type: 'snapshot', data: big, lastEventId: '' }]);
  });
});
