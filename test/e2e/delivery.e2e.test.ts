import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, FlagstaffProvider, type FlagstaffClient } from '@flagstaff/sdk-node';
import { OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { adminClient, eventually, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { freePort } from '../support/redis-server.js';
import { ServerProcess } from '../support/server-process.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A real server process and sdk-node over real HTTP: changes arrive over the stream, keys are
 * checked, client keys see only client-side data, and a killed server costs SDKs nothing but time.
 */
describe('SDK delivery from a server process to sdk-node', () => {
  let server: ServerProcess;
  let dataDir: string;
  let port: number;
  let admin: AdminClient;
  let serverKey: string;
  let clientKey: string;
  const clients: FlagstaffClient[] = [];
  const sdk = (sdkKey: string) => {
    const client = createClient({
      sdkKey,
      baseUrl: `http://127.0.0.1:${port}`,
      pollIntervalMs: 1000,
      logger: quiet,
    });
    clients.push(client);
    return client;
  };
  const key = async (kind: 'SERVER' | 'CLIENT') =>
    (
      await admin<{ createSdkKey: { secret: string } }>(
        `mutation { createSdkKey(project: "default", environment: "staging", input: { name: "e2e", kind: ${kind} }) { secret } }`,
      )
    ).createSdkKey.secret;
  const flagVersion = async (flag: string) =>
    (
      await admin<{ flag: { config: { version: number } } }>(
        `{ flag(project: "default", key: "${flag}") { config(environment: "staging") { version } } }`,
      )
    ).flag.config.version;
  const toggle = async (flag: string, enabled: boolean) =>
    admin(
      `mutation($f: String!, $e: Boolean!, $v: Int!) { setFlagEnabled(project: "default", environment: "staging", flag: $f, enabled: $e, expectedVersion: $v) { version } }`,
      { f: flag, e: enabled, v: await flagVersion(flag) },
    );

  beforeAll(async () => {
    dataDir = await freshDataDir();
    port = await freePort();
    server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dataDir, PORT: String(port) });
    admin = adminClient(server.url, ownerTokenIn(server.stdout));
    await admin(
      'mutation { createFlag(project: "default", input: { key: "checkout", name: "Checkout", kind: BOOLEAN }) { key } }',
    );
    await admin(
      'mutation { createFlag(project: "default", input: { key: "banner", name: "Banner", kind: BOOLEAN, clientSide: true }) { key } }',
    );
    await admin(
      'mutation { setConfigEntry(project: "default", environment: "staging", input: { key: "db.pool", type: NUMBER, value: 20 }) { key } }',
    );
    await admin(
      'mutation { setConfigEntry(project: "default", environment: "staging", input: { key: "theme", type: STRING, value: "dark", clientSide: true }) { key } }',
    );
    await admin(
      'mutation { setSecret(project: "default", environment: "staging", input: { key: "db.password", value: "hunter2" }) { key } }',
    );
    serverKey = await key('SERVER');
    clientKey = await key('CLIENT');
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.stop();
    await removeDataDirs();
  });

  it('delivers a change made over GraphQL to the SDK over the stream', async () => {
    const client = sdk(serverKey);
    expect(await client.waitForReady()).toBe(true);
    expect(client.booleanVariation('checkout', false, { targetingKey: 'u-1' })).toBe(false);
    const changed = new Promise<{ keys: string[] }>((resolve) => client.once('change', resolve));
    await toggle('checkout', true);
    expect((await changed).keys).toContain('checkout');
    expect(client.booleanVariation('checkout', false, { targetingKey: 'u-1' })).toBe(true);
    expect(client.getConfig('db.pool')).toBe(20);
    expect(client.getConfig('db.password')).toBe('hunter2');
  });

  it('serves OpenFeature through FlagstaffProvider, with a configuration-changed event', async () => {
    const provider = new FlagstaffProvider({ sdkKey: serverKey, baseUrl: server.url, logger: quiet });
    await OpenFeature.setProviderAndWait('e2e', provider);
    try {
      const flags = OpenFeature.getClient('e2e');
      const before = await flags.getBooleanDetails('checkout', false, { targetingKey: 'u-2' });
      expect(before).toMatchObject({ flagKey: 'checkout', variant: before.value ? 'on' : 'off' });
      const changed = new Promise<string[] | undefined>((resolve) =>
        flags.addHandler(ProviderEvents.ConfigurationChanged, (details) => resolve(details?.flagsChanged)),
      );
      await toggle('checkout', !before.value);
      expect(await changed).toContain('checkout');
      expect(await flags.getBooleanValue('checkout', before.value, { targetingKey: 'u-2' })).toBe(
        !before.value,
      );
      expect((await flags.getStringDetails('checkout', 'x')).errorCode).toBe('TYPE_MISMATCH');
    } finally {
      await OpenFeature.clearProviders();
    }
  });

  it('gives a client key only client-side flags and configuration, never secrets', async () => {
    const client = sdk(clientKey);
    expect(await client.waitForReady()).toBe(true);
    expect(client.variationDetail('banner').errorCode).toBeUndefined();
    expect(client.variationDetail('checkout').errorCode).toBe('FLAG_NOT_FOUND');
    expect(client.getConfig('theme')).toBe('dark');
    expect(client.getConfig('db.pool')).toBeUndefined();
    expect(client.getConfig('db.password')).toBeUndefined();
    const raw = await (
      await fetch(`${server.url}/sdk/v1/snapshot`, { headers: { authorization: `Bearer ${clientKey}` } })
    ).text();
    expect(raw).not.toContain('checkout');
    expect(raw).not.toContain('hunter2');
    expect(raw).not.toContain('db.pool');
  });

  it('answers a wrong, revoked or admin key with the same 401 that says nothing more', async () => {
    const revoked = await key('SERVER');
    const tokens = await admin<{ tokens: { id: string; prefix: string }[] }>(
      '{ tokens(project: "default", kind: SERVER) { id prefix } }',
    );
    const id = tokens.tokens.find((t) => revoked.startsWith(t.prefix))!.id;
    await admin('mutation($id: ID!) { revokeToken(project: "default", id: $id) { id } }', { id });
    const answers = [];
    for (const credential of [`fss_${'x'.repeat(43)}`, revoked, ownerTokenIn(server.stdout), '']) {
      const res = await fetch(`${server.url}/sdk/v1/snapshot`, {
        headers: credential ? { authorization: `Bearer ${credential}` } : {},
      });
      const { requestId, ...body } = (await res.json()) as Record<string, unknown>;
      expect(requestId).toEqual(expect.any(String));
      answers.push({ status: res.status, body });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({
      status: 401,
      body: { statusCode: 401, code: 'UNAUTHENTICATED', message: 'a valid SDK key is required' },
    });
  });

  it('keeps serving the last snapshot when the server is killed, and reconnects when it is back', async () => {
    const client = sdk(serverKey);
    expect(await client.waitForReady()).toBe(true);
    const before = client.booleanVariation('checkout', false, { targetingKey: 'u-1' });
    server.signal('SIGKILL');
    await server.exited;
    const stale = new Promise((resolve) => client.once('stale', resolve));
    await stale;
    expect(client.status).toBe('stale');
    expect(client.booleanVariation('checkout', !before, { targetingKey: 'u-1' })).toBe(before);

    server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: dataDir, PORT: String(port) });
    await eventually('the SDK is back in contact', () => client.status === 'ready', 45_000);
    await toggle('checkout', !before);
    await eventually(
      'the change reached the SDK',
      () => client.booleanVariation('checkout', before, { targetingKey: 'u-1' }) === !before,
    );
  });
});
