import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POLL_INTERVAL_MS } from '@flagstaff/sdk-core/client';
import { resolveOptions } from './options.js';
import type { EventSourceConstructor } from './event-source-stream.js';

const storage = { getItem: () => null, setItem: () => {} };
// Node has no EventSource; a class stands in where streaming is the subject.
const FakeEventSource = class {} as unknown as EventSourceConstructor;

describe('resolveOptions', () => {
  it('accepts good options without a word', () => {
    const context = { targetingKey: 'user-1', plan: 'pro' };
    const o = resolveOptions({
      clientKey: 'fsc_abc',
      baseUrl: 'https://flags.example.com/base',
      context,
      bootstrap: '{"version":3,"flags":{}}',
      cache: true,
      storage,
      EventSource: FakeEventSource,
    });
    expect(o.problems).toEqual([]);
    expect(o.server?.sdkKey).toBe('fsc_abc');
    expect(o.server?.baseUrl.href).toBe('https://flags.example.com/base/');
    expect(o).toMatchObject({ context, bootstrap: '{"version":3,"flags":{}}', storage, stream: true });
  });

  it('refuses a server key: a page must never hold one', () => {
    const o = resolveOptions({ clientKey: 'fss_secret', baseUrl: 'https://flags.example.com' });
    expect(o.server).toBeUndefined();
    expect(o.problems[0]).toMatch(/server key .* never be used in a browser/);
    expect(o.problems.join(' ')).not.toContain('fss_secret');
  });

  it('uses a key of an unknown form as it is (the server refuses a bad one)', () => {
    const o = resolveOptions({
      clientKey: 'abc',
      baseUrl: 'https://flags.example.com',
      EventSource: FakeEventSource,
    });
    expect(o.server?.sdkKey).toBe('abc');
    expect(o.problems).toEqual([]);
  });

  const bad: [string, Record<string, unknown>, string, Partial<ReturnType<typeof resolveOptions>>][] = [
    ['a context that is not an object', { context: 'user-1' }, 'context must be an object', { context: {} }],
    ['a context that is an array', { context: ['user-1'] }, 'context must be an object', { context: {} }],
    ['a bootstrap of the wrong type', { bootstrap: 42 }, 'bootstrap must be', { bootstrap: undefined }],
    ['a cache flag that is not a boolean', { cache: 'yes', storage }, 'cache must be a boolean', { storage }],
    [
      'a poll interval that is not a number',
      { pollIntervalMs: 'often' },
      'pollIntervalMs',
      {
        pollIntervalMs: DEFAULT_POLL_INTERVAL_MS,
      },
    ],
    ['an unknown option', { sdkKey: 'fsc_x' }, 'unknown option "sdkKey"', {}],
  ];
  it.each(bad)('reports %s and uses the default', (_name, input, problem, expected) => {
    const o = resolveOptions(input);
    expect(o.problems.join('\n')).toContain(problem);
    expect(o).toMatchObject(expected);
  });

  it('keeps no cache when caching is off', () => {
    expect(resolveOptions({ cache: false, storage }).storage).toBeUndefined();
  });

  it('polls where there is no EventSource (as in Node), and says so', () => {
    const o = resolveOptions({ clientKey: 'fsc_abc', baseUrl: 'https://flags.example.com' });
    expect(o.stream).toBe(false);
    expect(o.problems).toEqual(['no EventSource here; polling instead']);
  });

  it('survives options that are not an object', () => {
    const o = resolveOptions('fsc_abc');
    expect(o.server).toBeUndefined();
    expect(o.problems).toEqual(['options must be an object, got "fsc_abc"; using defaults']);
  });
});
