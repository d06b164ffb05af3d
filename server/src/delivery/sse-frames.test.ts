import { describe, expect, it } from '@jest/globals';
import { lastEventVersion, PING_FRAME, RETRY_FRAME, sseFrame } from './sse-frames.js';

describe('SSE framing', () => {
  it('writes an event as event, id and one data line, ended by a blank line', () => {
    expect(sseFrame('patch', 43, '{"from":42,"version":43}').toString()).toBe(
      'event: patch\nid: 43\ndata: {"from":42,"version":43}\n\n',
    );
  });

  it('takes the data as bytes too, unchanged', () => {
    const body = Buffer.from(JSON.stringify({ text: 'ünïcødé\nline' }));
    expect(sseFrame('snapshot', 7, body).toString()).toBe(`event: snapshot\nid: 7\ndata: ${body}\n\n`);
  });

  it('refuses data with a line break, which would split the event', () => {
    expect(() => sseFrame('patch', 1, '{\n}')).toThrow(RangeError);
    expect(() => sseFrame('patch', 1, 'a\rb')).toThrow(RangeError);
  });

  it('opens every stream with a one-second retry hint and pings with a comment', () => {
    expect(RETRY_FRAME.toString()).toBe('retry: 1000\n\n');
    expect(PING_FRAME.toString()).toBe(': ping\n\n');
  });

  it.each([
    ['42', 42],
    [' 42 ', 42],
    [['7', '8'], 7],
    ['0', 0],
  ])('reads Last-Event-ID %j as version %j', (header, version) => {
    expect(lastEventVersion(header)).toBe(version);
  });

  it.each([undefined, '', 'abc', '-1', '4.2', '1e3', '9999999999999999'])(
    'ignores the Last-Event-ID %j',
    (header) => {
      expect(lastEventVersion(header)).toBeUndefined();
    },
  );
});
