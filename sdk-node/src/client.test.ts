// The client without a server: bootstrap, evaluation, appVersion, config, events, close.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import { booleanFlag, snapshotOf, type Flag, type Snapshot } from '@flagstaff/sdk-core';
import { createClient, FlagstaffError, type FlagstaffLogger } from './index.js';

const flush = () => new Promise((resolve) => setImmediate(resolve));

function recordingLogger() {
  const lines: { level: string; text: string }[] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      lines.push({ level, text: args.map(String).join(' ') });
  const logger: FlagstaffLogger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

const bannerFlag: Flag = {
  key: 'banner',
  kind: 'string',
  variations: [
    { key: 'spring', value: 'spring' },
    { key: 'none', value: 'none' },
  ],
  metadata: { owner: 'growth' },
  enabled: true,
  offVariation: 'none',
  targets: [],
  rules: [],
  fallthrough: { variation: 'spring' },
  prerequisites: [],
};

const gated = booleanFlag('new-checkout', {
  rules: [
    {
      id: 'v2',
      clauses: [{ attribute: 'appVersion', op: 'semverGte', values: ['2.0.0'] }],
      serve: { variation: 'on' },
    },
  ],
  fallthrough: { variation: 'off' },
});

function bootstrap(): Snapshot {
  return {
    ...snapshotOf(booleanFlag('on-for-all'), gated, bannerFlag),
    version: 7,
    config: {
      retries: { type: 'number', value: 3 },
      limits: { type: 'json', value: { max: [1, 2] } },
    },
  };
}

describe('a client with a bootstrap snapshot and no server', () => {
  it('is ready as soon as it is created, and evaluates synchronously', async () => {
    const client = createClient({ bootstrap: bootstrap() });
    expect(client.status).toBe('ready');
    expect(client.version).toBe(7);
    expect(await client.waitForReady()).toBe(true);
    expect(client.booleanVariation('on-for-all', false)).toBe(true);
    expect(client.stringVariation('banner', 'x', { targetingKey: 'u' })).toBe('spring');
    expect(client.stringVariationDetail('banner', 'x')).toEqual({
      value: 'spring',
      variant: 'spring',
      reason: 'STATIC',
      errorCode: undefined,
      errorMessage: undefined,
      flagMetadata: { owner: 'growth' },
    });
    expect(client.numberVariationDetail('banner', 5)).toMatchObject({ value: 5, errorCode: 'TYPE_MISMATCH' });
    expect(client.booleanVariationDetail('missing', true)).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'FLAG_NOT_FOUND',
    });
    await client.close();
  });

  it('emits ready to a listener attached right after createClient', async () => {
    const client = createClient({ bootstrap: bootstrap() });
    const ready = jest.fn();
    client.on('ready', ready);
    await flush();
    expect(ready).toHaveBeenCalledWith({ version: 7 });
  });

  it('reads the bootstrap from a JSON file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-node-'));
    const file = join(dir, 'flags.json');
    writeFileSync(file, JSON.stringify(bootstrap()));
    const client = createClient({ bootstrap: file });
    expect(client.booleanVariation('on-for-all', false)).toBe(true);
    expect(client.version).toBe(7);
  });

  it('reports an unreadable bootstrap file and serves defaults', async () => {
    const { logger, lines } = recordingLogger();
    const client = createClient({ bootstrap: '/nonexistent/flags.json', logger });
    const errors: FlagstaffError[] = [];
    client.on('error', (e) => void errors.push(e));
    await flush();
    expect(errors.map((e) => e.code)).toEqual(['BOOTSTRAP']);
    expect(lines.some((l) => l.level === 'warn' && l.text.includes('/nonexistent/flags.json'))).toBe(true);
    expect(await client.waitForReady()).toBe(false);
    expect(client.booleanVariation('on-for-all', false)).toBe(false);
  });

  it('reports a bootstrap that is not a snapshot', async () => {
    const client = createClient({ bootstrap: { flags: 'nope' } as unknown as Snapshot, logger: {} });
    const errors: FlagstaffError[] = [];
    client.on('error', (e) => void errors.push(e));
    await flush();
    expect(errors.map((e) => e.code)).toEqual(['BOOTSTRAP']);
    expect(client.status).toBe('initializing');
  });

  it("leaves the caller's bootstrap object as it was (not frozen, not shared)", () => {
    const snapshot = bootstrap();
    const client = createClient({ bootstrap: snapshot });
    expect(Object.isFrozen(snapshot.config.limits!.value)).toBe(false);
    (snapshot.flags['on-for-all'] as Flag).enabled = false;
    expect(client.booleanVariation('on-for-all', false)).toBe(true);
  });

  it('adds appVersion to every context unless the caller sets it', () => {
    const client = createClient({ bootstrap: bootstrap(), appVersion: '2.1.0' });
    expect(client.booleanVariation('new-checkout', false)).toBe(true);
    expect(client.booleanVariation('new-checkout', false, { targetingKey: 'u' })).toBe(true);
    expect(client.booleanVariation('new-checkout', false, { targetingKey: 'u', appVersion: '1.9.0' })).toBe(
      false,
    );
    expect(client.booleanVariation('new-checkout', false, { targetingKey: 'u', appVersion: undefined })).toBe(
      true,
    );
    expect(client.booleanVariationDetail('new-checkout', false, { targetingKey: 'u' })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
    });
    const old = createClient({ bootstrap: bootstrap(), appVersion: '1.0.0' });
    expect(old.booleanVariation('new-checkout', true, { targetingKey: 'u' })).toBe(false);
    const none = createClient({ bootstrap: bootstrap() });
    expect(none.booleanVariation('new-checkout', true, { targetingKey: 'u' })).toBe(false);
  });

  it("does not change the caller's context when adding appVersion", () => {
    const client = createClient({ bootstrap: bootstrap(), appVersion: '2.1.0' });
    const context = Object.freeze({ targetingKey: 'u' });
    client.booleanVariation('new-checkout', false, context);
    expect(context).toEqual({ targetingKey: 'u' });
  });

  it('returns configuration values, frozen, and undefined for unknown entries', () => {
    const client = createClient({ bootstrap: bootstrap() });
    expect(client.getConfig('retries')).toBe(3);
    const limits = client.getConfig('limits') as { max: number[] };
    expect(limits).toEqual({ max: [1, 2] });
    expect(Object.isFrozen(limits.max)).toBe(true);
    expect(client.getConfig('nope')).toBeUndefined();
    expect(client.getConfig('toString')).toBeUndefined();
  });

  it('reads json flags', () => {
    const flag: Flag = {
      ...booleanFlag('layout'),
      kind: 'json',
      variations: [
        { key: 'grid', value: { columns: 3 } },
        { key: 'list', value: { columns: 1 } },
      ],
      offVariation: 'list',
      fallthrough: { variation: 'grid' },
    };
    const client = createClient({ bootstrap: snapshotOf(flag) });
    expect(client.jsonVariation('layout', { columns: 0 })).toEqual({ columns: 3 });
    expect(client.jsonVariationDetail('layout', { columns: 0 })).toMatchObject({
      variant: 'grid',
      reason: 'STATIC',
    });
    expect(client.variationDetail('layout')).toMatchObject({ value: { columns: 3 } });
  });
});

describe('a client that holds no snapshot', () => {
  it('returns the default with a GENERAL error detail', async () => {
    const client = createClient({ logger: {} });
    expect(client.booleanVariation('x', true)).toBe(true);
    expect(client.stringVariation('x', 'd')).toBe('d');
    expect(client.numberVariation('x', 4)).toBe(4);
    expect(client.jsonVariation('x', [1])).toEqual([1]);
    expect(client.booleanVariationDetail('x', false)).toEqual({
      value: false,
      variant: undefined,
      reason: 'ERROR',
      errorCode: 'GENERAL',
      errorMessage: 'no snapshot yet',
      flagMetadata: {},
    });
    expect(client.getConfig('x')).toBeUndefined();
    expect(client.version).toBeUndefined();
  });

  it('resolves waitForReady with false at once when offline without a bootstrap', async () => {
    const { logger, lines } = recordingLogger();
    const client = createClient({ logger });
    expect(await client.waitForReady({ timeoutMs: 60_000 })).toBe(false);
    expect(lines.map((l) => l.text)).toEqual([
      'offline without a bootstrap: evaluations return their defaults',
    ]);
  });
});

describe('bad options', () => {
  it('are reported through the logger and the error event, and never thrown', async () => {
    const { logger, lines } = recordingLogger();
    const client = createClient({ sdkKey: 'fss_x', baseUrl: '::nope::', pollIntervalMs: -1, logger });
    const errors: FlagstaffError[] = [];
    client.on('error', (e) => void errors.push(e));
    await flush();
    expect(errors.map((e) => e.code)).toEqual(['INVALID_OPTION', 'INVALID_OPTION', 'INVALID_OPTION']);
    expect(errors.every((e) => e instanceof FlagstaffError)).toBe(true);
    expect(lines.filter((l) => l.level === 'warn').map((l) => l.text)).toEqual([
      'option baseUrl must be an http(s) URL, got "::nope::"; ignored',
      'option pollIntervalMs must be a number ≥ 1000, got -1; using 30000',
      'sdkKey and baseUrl must both be given: offline (bootstrap only)',
      'offline without a bootstrap: evaluations return their defaults',
    ]);
  });

  it.each([null, 'fss_key', 42, [], () => {}])('do not throw even as %p', (options) => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const client = createClient(options as never);
    expect(client.booleanVariation('x', true)).toBe(true);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('include options whose reading throws', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    );
    expect(() => createClient(hostile)).not.toThrow();
    expect(warn).toHaveBeenCalledWith('[flagstaff]', 'options could not be read (no); using defaults');
    warn.mockRestore();
  });

  it('include a logger that throws', async () => {
    const logger = {
      warn: () => {
        throw new Error('broken logger');
      },
    };
    const client = createClient({ pollIntervalMs: 'x' as never, logger });
    await flush();
    expect(client.status).toBe('initializing');
  });
});

describe('listeners', () => {
  it('cannot throw into the client: a throwing or rejecting listener is reported as LISTENER', async () => {
    const { logger, lines } = recordingLogger();
    const client = createClient({ bootstrap: bootstrap(), logger });
    const after = jest.fn();
    const errors: FlagstaffError[] = [];
    client.on('ready', () => {
      throw new Error('sync boom');
    });
    client.on('ready', async () => {
      throw new Error('async boom');
    });
    client.on('ready', after);
    client.on('error', (e) => void errors.push(e));
    await flush();
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['LISTENER', 'a listener for "ready" threw: sync boom'],
      ['LISTENER', 'a listener for "ready" threw: async boom'],
    ]);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(2);
  });

  it('only logs an error listener that throws', async () => {
    const { logger, lines } = recordingLogger();
    const client = createClient({ timeoutMs: -1, logger });
    let calls = 0;
    client.on('error', () => {
      calls++;
      throw new Error('error listener boom');
    });
    await flush();
    await flush();
    expect(calls).toBe(1);
    expect(lines.some((l) => l.level === 'error' && l.text.includes('error listener boom'))).toBe(true);
  });

  it('can be removed, and once-listeners run once', async () => {
    const client = createClient({ bootstrap: bootstrap() });
    const removed = jest.fn();
    const once = jest.fn();
    client.on('ready', removed).off('ready', removed).once('ready', once);
    await flush();
    expect(removed).not.toHaveBeenCalled();
    expect(once).toHaveBeenCalledTimes(1);
  });
});

describe('close', () => {
  it('is idempotent, marks the client closed and keeps answering from the last snapshot', async () => {
    const client = createClient({ bootstrap: bootstrap() });
    const first = client.close();
    expect(client.close()).toBe(first);
    await first;
    expect(client.status).toBe('closed');
    expect(client.booleanVariation('on-for-all', false)).toBe(true);
  });
});
