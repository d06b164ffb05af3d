import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type FlagstaffClient } from '@flagstaff/sdk-node';
import { adminClient, eventually, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { OwnRedis } from '../support/redis-server.js';
import { ServerProcess } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Two server instances on one Postgres and one Redis of the test's own (the machine's shared Redis
 * is never stopped): a change on A reaches SDKs streaming from B, and SDKs converge when Redis
 * goes away and comes back while writes happen.
 */
describe('SDK delivery across two server instances', () => {
  let db: TestDatabase;
  let redis: OwnRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: AdminClient;
  let serverKey: string;
  const clients: FlagstaffClient[] = [];
  const sdk = (url: string) => {
    const client = createClient({ sdkKey: serverKey, baseUrl: url, pollIntervalMs: 1000, logger: quiet });
    clients.push(client);
    return client;
  };
  const environmentVersion = async () =>
    (
      await admin<{ project: { environments: { key: string; version: number }[] } }>(
        '{ project(key: "default") { environments { key version } } }',
      )
    ).project.environments.find((e) => e.key === 'production')!.version;
  let rampVersion = 1;
  const ramp = async (share: number) => {
    const weights = [
      { variation: 'on', weight: share * 1000 },
      { variation: 'off', weight: 100_000 - share * 1000 },
    ];
    const res = await admin<{ updateFlagConfig: { version: number } }>(
      `mutation($v: Int!, $w: [WeightedVariationInput!]!) { updateFlagConfig(project: "default", environment: "production", flag: "ramp",
        expectedVersion: $v, reason: "ramp", input: { enabled: true, offVariation: "off", fallthrough: { rollout: { weights: $w } } }) { version } }`,
      { v: rampVersion, w: weights },
    );
    rampVersion = res.updateFlagConfig.version;
  };

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    redis = await OwnRedis.start();
    a = await ServerProcess.start({ DATABASE_URL: db.url, REDIS_URL: redis.url });
    b = await ServerProcess.start({ DATABASE_URL: db.url, REDIS_URL: redis.url });
    admin = adminClient(a.url, ownerTokenIn(a.stdout));
    await admin(
      'mutation { createFlag(project: "default", input: { key: "ramp", name: "Ramp", kind: BOOLEAN }) { key } }',
    );
    serverKey = (
      await admin<{ createSdkKey: { secret: string } }>(
        'mutation { createSdkKey(project: "default", environment: "production", input: { name: "e2e", kind: SERVER }) { secret } }',
      )
    ).createSdkKey.secret;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await db?.drop();
  });

  it('delivers a change written on A to an SDK streaming from B, through Redis', async () => {
    const client = sdk(b.url);
    expect(await client.waitForReady()).toBe(true);
    const changed = new Promise<{ keys: string[] }>((resolve) => client.once('change', resolve));
    await ramp(10);
    expect((await changed).keys).toEqual(['ramp']);
    expect(client.version).toBe(await environmentVersion());
    // B heard of it on the bus (the 2 s re-check would also have found it, but says nothing there).
    const metrics = await (await fetch(`${b.url}/metrics`)).text();
    expect(metrics).toMatch(/^flagstaff_propagation_delay_seconds_count [1-9]/m);
  });

  it('converges SDKs on both instances when Redis stops and starts while writes happen', async () => {
    const onA = sdk(a.url);
    const onB = sdk(b.url);
    expect(await onA.waitForReady()).toBe(true);
    expect(await onB.waitForReady()).toBe(true);

    await redis.stop();
    for (const share of [20, 30, 40]) await ramp(share);
    const during = await environmentVersion();
    await eventually(
      'both SDKs have the writes made while Redis was down',
      () => onA.version === during && onB.version === during,
    );

    await redis.start();
    for (const share of [50, 100]) await ramp(share);
    const after = await environmentVersion();
    await eventually(
      'both SDKs have the writes made after Redis came back',
      () => onA.version === after && onB.version === after,
    );
    expect(onB.booleanVariation('ramp', false, { targetingKey: 'anyone' })).toBe(true);
    await eventually('B reports ready again', async () => (await fetch(`${b.url}/readyz`)).status === 200);
  });
});
