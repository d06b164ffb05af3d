// FlagstaffProvider through OpenFeature's server SDK: values, details, reasons, error codes,
// context mapping, lifecycle and events.
import { afterAll, describe, expect, it } from '@jest/globals';
import { booleanFlag, onOffRollout, type Flag, type Snapshot } from '@flagstaff/sdk-core';
import {
  ErrorCode,
  OpenFeature,
  ProviderEvents,
  ProviderStatus,
  type EventDetails,
} from '@openfeature/server-sdk';
import { createClient, FlagstaffProvider } from './index.js';
import { FakeClock } from './testing/fake-clock.js';
import { advanceToReconnect, FakeFlagServer, TEST_KEY, until } from './testing/fake-server.js';

afterAll(async () => {
  await OpenFeature.close();
});

const banner: Flag = {
  key: 'banner',
  kind: 'string',
  variations: [
    { key: 'spring', value: 'spring' },
    { key: 'none', value: 'none' },
  ],
  metadata: { owner: 'growth', ticket: 42, experiment: true },
  enabled: true,
  offVariation: 'none',
  targets: [{ variation: 'none', values: ['opted-out'] }],
  rules: [],
  fallthrough: { variation: 'spring' },
  prerequisites: [],
};

const snapshot: Snapshot = {
  version: 3,
  flags: {
    'static-on': booleanFlag('static-on'),
    disabled: booleanFlag('disabled', { enabled: false }),
    'disabled-no-off': booleanFlag('disabled-no-off', { enabled: false, offVariation: undefined }),
    rollout: booleanFlag('rollout', { fallthrough: onOffRollout(100_000) }),
    banner,
    limit: {
      ...booleanFlag('limit'),
      kind: 'number',
      variations: [
        { key: 'low', value: 10 },
        { key: 'high', value: 100 },
      ],
      offVariation: 'low',
      fallthrough: { variation: 'high' },
    },
    layout: {
      ...booleanFlag('layout'),
      kind: 'json',
      variations: [
        { key: 'grid', value: { columns: 3 } },
        { key: 'list', value: { columns: 1 } },
      ],
      offVariation: 'list',
      fallthrough: { variation: 'grid' },
    },
    'after-launch': booleanFlag('after-launch', {
      rules: [
        {
          id: 'launched',
          clauses: [{ attribute: 'signedUpAt', op: 'after', values: ['2026-01-01T00:00:00Z'] }],
          serve: { variation: 'on' },
        },
        {
          id: 'nested',
          clauses: [{ attribute: 'account.createdAt', op: 'before', values: ['2000-01-01'] }],
          serve: { variation: 'on' },
        },
      ],
      fallthrough: { variation: 'off' },
    }),
    'v2-only': booleanFlag('v2-only', {
      rules: [
        {
          id: 'v2',
          clauses: [{ attribute: 'appVersion', op: 'semverGte', values: ['2.0.0'] }],
          serve: { variation: 'on' },
        },
      ],
      fallthrough: { variation: 'off' },
    }),
    broken: booleanFlag('broken', { fallthrough: { variation: 'nope' } }),
  },
  segments: {},
  config: {},
};

let domains = 0;
async function openFeatureClient(provider: FlagstaffProvider) {
  const domain = `d${++domains}`;
  await OpenFeature.setProviderAndWait(domain, provider);
  return OpenFeature.getClient(domain);
}

describe('FlagstaffProvider on a bootstrap snapshot', () => {
  it('declares itself a server provider named flagstaff', () => {
    const provider = new FlagstaffProvider({ bootstrap: snapshot, logger: {} });
    expect(provider.metadata.name).toBe('flagstaff');
    expect(provider.runsOn).toBe('server');
  });

  it('resolves values of every type', async () => {
    const client = await openFeatureClient(new FlagstaffProvider({ bootstrap: snapshot, logger: {} }));
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(await client.getBooleanValue('static-on', false)).toBe(true);
    expect(await client.getStringValue('banner', 'x')).toBe('spring');
    expect(await client.getNumberValue('limit', 0)).toBe(100);
    expect(await client.getObjectValue('layout', {})).toEqual({ columns: 3 });
  });

  it('maps details: variant, reason and flag metadata', async () => {
    const client = await openFeatureClient(new FlagstaffProvider({ bootstrap: snapshot, logger: {} }));
    expect(await client.getStringDetails('banner', 'x', { targetingKey: 'u1' })).toEqual({
      flagKey: 'banner',
      value: 'spring',
      variant: 'spring',
      reason: 'DEFAULT',
      errorCode: undefined,
      errorMessage: undefined,
      flagMetadata: { owner: 'growth', ticket: 42, experiment: true },
    });
    expect(await client.getStringDetails('banner', 'x', { targetingKey: 'opted-out' })).toMatchObject({
      value: 'none',
      reason: 'TARGETING_MATCH',
    });
    expect(await client.getBooleanDetails('static-on', false)).toMatchObject({
      reason: 'STATIC',
      variant: 'on',
    });
    expect(await client.getBooleanDetails('rollout', false, { targetingKey: 'u' })).toMatchObject({
      value: true,
      reason: 'SPLIT',
    });
    expect(await client.getBooleanDetails('disabled', true)).toMatchObject({
      value: false,
      variant: 'off',
      reason: 'DISABLED',
    });
    expect(await client.getBooleanDetails('disabled-no-off', true)).toMatchObject({
      value: true,
      variant: undefined,
      reason: 'DISABLED',
      errorCode: undefined,
    });
  });

  it.each([
    ['missing', 'boolean', ErrorCode.FLAG_NOT_FOUND],
    ['banner', 'boolean', ErrorCode.TYPE_MISMATCH],
    ['static-on', 'number', ErrorCode.TYPE_MISMATCH],
    ['rollout', 'boolean', ErrorCode.TARGETING_KEY_MISSING],
    ['broken', 'boolean', ErrorCode.PARSE_ERROR],
  ] as const)('reports %s read as %s with error code %s and the default', async (key, type, code) => {
    const client = await openFeatureClient(new FlagstaffProvider({ bootstrap: snapshot, logger: {} }));
    const detail =
      type === 'boolean' ? await client.getBooleanDetails(key, true) : await client.getNumberDetails(key, -1);
    expect(detail).toMatchObject({
      value: type === 'boolean' ? true : -1,
      reason: 'ERROR',
      errorCode: code,
    });
    expect(detail.errorMessage).toEqual(expect.any(String));
  });

  it('passes targetingKey and attributes, with Date values as ISO strings, top-level or nested', async () => {
    const client = await openFeatureClient(new FlagstaffProvider({ bootstrap: snapshot, logger: {} }));
    const late = { targetingKey: 'u', signedUpAt: new Date('2026-06-01T00:00:00Z') };
    const early = { targetingKey: 'u', signedUpAt: new Date('2025-06-01T00:00:00Z') };
    const old = { targetingKey: 'u', account: { createdAt: new Date('1999-03-04T05:06:07Z') } };
    const invalid = { targetingKey: 'u', signedUpAt: new Date(Number.NaN) };
    expect(await client.getBooleanValue('after-launch', false, late)).toBe(true);
    expect(await client.getBooleanValue('after-launch', true, early)).toBe(false);
    expect(await client.getBooleanValue('after-launch', false, old)).toBe(true);
    expect(await client.getBooleanValue('after-launch', true, invalid)).toBe(false);
  });

  it("adds the client's appVersion to the context", async () => {
    const v2 = await openFeatureClient(
      new FlagstaffProvider({ bootstrap: snapshot, appVersion: '2.3.0', logger: {} }),
    );
    const v1 = await openFeatureClient(
      new FlagstaffProvider({ bootstrap: snapshot, appVersion: '1.9.9', logger: {} }),
    );
    expect(await v2.getBooleanValue('v2-only', false, { targetingKey: 'u' })).toBe(true);
    expect(await v1.getBooleanValue('v2-only', true, { targetingKey: 'u' })).toBe(false);
  });

  it('closes the client it created, and leaves a shared client open', async () => {
    const owned = new FlagstaffProvider({ bootstrap: snapshot, logger: {} });
    const shared = createClient({ bootstrap: snapshot, logger: {} });
    const borrowing = new FlagstaffProvider(shared);
    expect(borrowing.client).toBe(shared);
    await OpenFeature.setProviderAndWait('owned', owned);
    await OpenFeature.setProviderAndWait('borrowing', borrowing);
    await OpenFeature.clearProviders();
    expect(owned.client.status).toBe('closed');
    expect(shared.status).toBe('ready');
    await shared.close();
  });
});

describe('FlagstaffProvider without a snapshot', () => {
  it('fails initialization, answers PROVIDER_NOT_READY, and turns READY when a snapshot arrives', async () => {
    const server = new FakeFlagServer(snapshot);
    server.streamHandler = (_req, res) => res.writeHead(503).end();
    server.snapshotHandler = (_req, res) => res.writeHead(503).end();
    await server.start();
    const clock = new FakeClock();
    const provider = new FlagstaffProvider({
      sdkKey: TEST_KEY,
      baseUrl: server.baseUrl,
      clock,
      timeoutMs: 1_000,
      pollIntervalMs: 2_000,
      logger: {},
    });
    try {
      const initialized = OpenFeature.setProviderAndWait('late', provider);
      await until(() => clock.pending().includes(1_000), 'waitForReady timer');
      clock.advance(1_000);
      await expect(initialized).rejects.toThrow('no snapshot yet');
      const client = OpenFeature.getClient('late');
      expect(client.providerStatus).toBe(ProviderStatus.ERROR);
      expect(await client.getBooleanDetails('static-on', false)).toMatchObject({
        value: false,
        reason: 'ERROR',
        errorCode: ErrorCode.PROVIDER_NOT_READY,
      });

      const readyEvents: unknown[] = [];
      client.addHandler(ProviderEvents.Ready, (e) => void readyEvents.push(e));
      server.snapshotHandler = undefined;
      clock.advance(2_000);
      await until(() => readyEvents.length === 1, 'READY');
      expect(client.providerStatus).toBe(ProviderStatus.READY);
      expect(await client.getBooleanValue('static-on', false)).toBe(true);
    } finally {
      await OpenFeature.clearProviders();
      await server.stop();
    }
  });
});

describe('FlagstaffProvider events over the delivery protocol', () => {
  it('emits CONFIGURATION_CHANGED with the changed flags, STALE in an outage and READY on recovery', async () => {
    const server = new FakeFlagServer(snapshot);
    await server.start();
    const clock = new FakeClock();
    const provider = new FlagstaffProvider({
      sdkKey: TEST_KEY,
      baseUrl: server.baseUrl,
      clock,
      random: () => 0.999999,
      pollIntervalMs: 10_000,
      logger: {},
    });
    const seen: [string, EventDetails | undefined][] = [];
    try {
      const client = await openFeatureClient(provider);
      for (const event of [ProviderEvents.Ready, ProviderEvents.Stale, ProviderEvents.ConfigurationChanged]) {
        client.addHandler(event, (details) => void seen.push([event, details]));
      }
      await until(() => seen.length === 1, 'READY on attach');
      expect(seen[0]![0]).toBe(ProviderEvents.Ready);

      server.publish({
        from: 3,
        version: 4,
        flags: { 'static-on': booleanFlag('static-on', { enabled: false }) },
        segments: {},
        config: {},
      });
      await until(() => seen.length === 2, 'CONFIGURATION_CHANGED');
      expect(seen[1]![0]).toBe(ProviderEvents.ConfigurationChanged);
      expect(seen[1]![1]).toMatchObject({ flagsChanged: ['static-on'] });
      expect(await client.getBooleanValue('static-on', true)).toBe(false);

      await server.stop();
      await until(() => clock.pending().includes(10_000), 'a poll scheduled');
      clock.advance(10_000);
      await until(() => seen.length === 3, 'STALE');
      expect(seen[2]![0]).toBe(ProviderEvents.Stale);
      expect(client.providerStatus).toBe(ProviderStatus.STALE);
      expect(await client.getBooleanValue('static-on', true)).toBe(false);

      await server.restart();
      await advanceToReconnect(clock);
      await until(() => seen.length === 4, 'READY again');
      expect(seen[3]![0]).toBe(ProviderEvents.Ready);
      expect(client.providerStatus).toBe(ProviderStatus.READY);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(seen.map(([event]) => event)).toEqual([
        ProviderEvents.Ready,
        ProviderEvents.ConfigurationChanged,
        ProviderEvents.Stale,
        ProviderEvents.Ready,
      ]);
    } finally {
      await OpenFeature.clearProviders();
      await server.stop().catch(() => {});
    }
  });
});
