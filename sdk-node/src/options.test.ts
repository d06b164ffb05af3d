import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_TIMEOUT_MS,
  MIN_POLL_INTERVAL_MS,
  resolveOptions,
  type ClientOptions,
} from './options.js';

describe('resolveOptions', () => {
  it('accepts good options without a word', () => {
    const o = resolveOptions({
      sdkKey: 'fss_abc',
      baseUrl: 'https://flags.example.com/base',
      appVersion: '2.4.1',
      stream: false,
      pollIntervalMs: 5000,
      timeoutMs: 1000,
    });
    expect(o.problems).toEqual([]);
    expect(o.server?.sdkKey).toBe('fss_abc');
    expect(o.server?.baseUrl.href).toBe('https://flags.example.com/base/');
    expect(o).toMatchObject({ appVersion: '2.4.1', stream: false, pollIntervalMs: 5000, timeoutMs: 1000 });
  });

  it('runs offline, quietly, with no key and no URL', () => {
    const o = resolveOptions({});
    expect(o.server).toBeUndefined();
    expect(o.problems).toEqual([]);
    expect(o).toMatchObject({
      stream: true,
      pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
      timeoutMs: DEFAULT_TIMEOUT_MS,
    });
  });

  const bad: [string, unknown, Partial<ReturnType<typeof resolveOptions>>][] = [
    ['options that are not an object', 42, { server: undefined }],
    ['a key without a URL', { sdkKey: 'fss_x' }, { server: undefined }],
    ['a URL without a key', { baseUrl: 'http://127.0.0.1:1' }, { server: undefined }],
    ['a malformed URL', { sdkKey: 'fss_x', baseUrl: 'not a url' }, { server: undefined }],
    ['a non-http URL', { sdkKey: 'fss_x', baseUrl: 'ftp://host/' }, { server: undefined }],
    ['a key that is not a string', { sdkKey: 12, baseUrl: 'http://h' }, { server: undefined }],
    ['a negative poll interval', { pollIntervalMs: -5 }, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }],
    ['a NaN poll interval', { pollIntervalMs: Number.NaN }, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }],
    ['a string poll interval', { pollIntervalMs: '30000' }, { pollIntervalMs: DEFAULT_POLL_INTERVAL_MS }],
    ['a too short poll interval', { pollIntervalMs: 10 }, { pollIntervalMs: MIN_POLL_INTERVAL_MS }],
    ['a zero timeout', { timeoutMs: 0 }, { timeoutMs: DEFAULT_TIMEOUT_MS }],
    ['an infinite timeout', { timeoutMs: Infinity }, { timeoutMs: DEFAULT_TIMEOUT_MS }],
    ['a non-boolean stream', { stream: 'no' }, { stream: true }],
    ['a numeric appVersion', { appVersion: 3 }, { appVersion: undefined }],
    ['a bootstrap that is a number', { bootstrap: 5 }, { bootstrap: undefined }],
    ['an unknown option', { pollInterval: 5 }, {}],
  ];
  it.each(bad)('reports and defaults %s', (_name, input, expected) => {
    const o = resolveOptions(input);
    expect(o.problems.length).toBeGreaterThan(0);
    expect(o).toMatchObject(expected);
  });

  it('uses a key of an unexpected shape as it is (the server refuses a bad one), trimmed', () => {
    const o = resolveOptions({ sdkKey: ' abc\n', baseUrl: 'http://h' } satisfies ClientOptions);
    expect(o.server?.sdkKey).toBe('abc');
    expect(o.problems).toEqual([]);
  });
});
