import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import type { Snapshot } from '@flagstaff/sdk-core';
import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { startServer, type RunningServer } from '../server.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { DeliveryStats } from './delivery-stats.js';
import { RedisSnapshotStore } from './redis-snapshot-store.js';
import type { SnapshotBuilder } from './snapshot-builder.js';
import { SnapshotCache } from './snapshot-cache.js';
import type { VersionWatcher } from './version-watcher.js';

const url = process.env.REDIS_URL!;
const quiet = pino({ level: 'silent' });

describe('snapshots shared through Redis', () => {
  const closing: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((c) => c.close()));
  });

  /** Each test its own key prefix, so parallel runs never see each other's snapshots. */
  async function store(prefix = `flagstaff-test:${randomBytes(6).toString('hex')}:`) {
    const errors: unknown[] = [];
    const opened = await RedisSnapshotStore.connect(url, {
      keyPrefix: prefix,
      onError: (e) => errors.push(e),
    });
    closing.push(opened);
    return { store: opened, prefix, errors };
  }

  it('keeps a snapshot under its environment, version and kind, for ten minutes', async () => {
    const { store: s, prefix } = await store();
    const body = Buffer.from('{"version":3}');
    await s.put('env-a', 3, 'client', body);
    expect(await s.get('env-a', 3, 'client')).toEqual(body);
    expect(await s.get('env-a', 3, 'server')).toBeUndefined();
    expect(await s.get('env-a', 4, 'client')).toBeUndefined();
    const raw = new Redis(url);
    try {
      const ttl = await raw.ttl(`${prefix}env-a:3:client`);
      expect(ttl).toBeGreaterThan(590);
      expect(ttl).toBeLessThanOrEqual(600);
    } finally {
      await raw.quit();
    }
  });

  it('answers a miss, not an error, when Redis cannot be reached', async () => {
    const { store: s, errors } = await store();
    await s.close();
    expect(await s.get('env-a', 1, 'server')).toBeUndefined();
    await expect(s.put('env-a', 1, 'server', Buffer.from('{}'))).resolves.toBeUndefined();
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  describe('two instances', () => {
    function instance(shared: RedisSnapshotStore, snapshots: Record<SdkKeyKind, Snapshot>) {
      const builds: SdkKeyKind[] = [];
      const builder = {
        build: async (_: string, kind: SdkKeyKind) => {
          builds.push(kind);
          const snapshot = snapshots[kind];
          return { snapshot, hasSecrets: Object.values(snapshot.config).some((c) => c.secret === true) };
        },
      } as unknown as SnapshotBuilder;
      const watcher = {
        known: () => 5,
        current: async () => 5,
        observe: () => {},
      } as unknown as VersionWatcher;
      const stats = new DeliveryStats();
      return { cache: new SnapshotCache(builder, watcher, stats, shared, quiet), builds, stats };
    }

    const plain: Snapshot = {
      version: 5,
      flags: {},
      segments: {},
      config: { theme: { type: 'string', value: 'dark' } },
    };
    const withSecret: Snapshot = {
      version: 5,
      flags: {},
      segments: {},
      config: { 'db.url': { type: 'string', value: 'hunter2', secret: true } },
    };

    it('builds a snapshot on one instance and serves it from Redis on the other', async () => {
      const { store: s } = await store();
      const snapshots = { server: plain, client: plain };
      const [a, b] = [instance(s, snapshots), instance(s, snapshots)];
      const env = randomUUID();
      const built = await a.cache.current(env, 'client');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const fetched = await b.cache.current(env, 'client');
      expect(fetched.body).toEqual(built.body);
      expect(a.builds).toEqual(['client']);
      expect(b.builds).toEqual([]);
      expect(b.stats.snapshotStoreHitsTotal).toBe(1);
    });

    it('never puts a snapshot with revealed secrets in Redis', async () => {
      const { store: s, prefix } = await store();
      const snapshots = { server: withSecret, client: plain };
      const [a, b] = [instance(s, snapshots), instance(s, snapshots)];
      const env = randomUUID();
      await a.cache.current(env, 'server');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await b.cache.current(env, 'server');
      expect(b.builds).toEqual(['server']);
      const raw = new Redis(url);
      try {
        expect(await raw.keys(`${prefix}*`)).toEqual([]);
      } finally {
        await raw.quit();
      }
    });

    it('builds a missing snapshot once for many concurrent requests', async () => {
      const { store: s } = await store();
      const a = instance(s, { server: plain, client: plain });
      const env = randomUUID();
      const entries = await Promise.all(Array.from({ length: 20 }, () => a.cache.current(env, 'server')));
      expect(new Set(entries).size).toBe(1);
      expect(a.builds).toEqual(['server']);
    });
  });
});

// Two server processes' worth of the application on one Postgres and one Redis.
(process.env.DATABASE_URL ? describe : describe.skip)('two server instances on one Redis (Postgres)', () => {
  const servers: RunningServer[] = [];
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    for (const server of servers) await server.close();
    await drop?.();
  });

  it('carries a change made on one instance to a stream on the other, building each snapshot once', async () => {
    const database = await createTestDatabase({ backend: 'postgres', migrated: false });
    drop = () => database.drop();
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: database.url,
      REDIS_URL: url,
      FLAGSTAFF_SECRET_KEY: Buffer.alloc(32, 7).toString('hex'),
    });
    servers.push(await startServer(config, createLogger(config), database.open()));
    servers.push(await startServer(config, createLogger(config), database.open()));
    const [a, b] = servers as [RunningServer, RunningServer];
    const owner = a.firstRun!.ownerToken;
    const gql = async (query: string) => {
      const response = await fetch(`${a.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data: Record<string, never>; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    await gql(
      'mutation { createFlag(project: "default", input: { key: "checkout", name: "C", kind: BOOLEAN, clientSide: true }) { key } }',
    );
    const key = (
      (
        await gql(
          'mutation { createSdkKey(project: "default", environment: "development", input: { name: "app", kind: CLIENT }) { secret } }',
        )
      ).createSdkKey as { secret: string }
    ).secret;

    // The first snapshot is built on A; B finds it in Redis.
    const first = await fetch(`${a.url}/sdk/v1/snapshot`, { headers: { authorization: `Bearer ${key}` } });
    expect(first.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));

    let text = '';
    let ended = false;
    const req = httpRequest(
      `${b.url}/sdk/v1/stream`,
      { headers: { authorization: `Bearer ${key}` } },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => (ended = true));
      },
    );
    req.end();
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 250 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(what()).toBe(true);
    };
    await until(() => text.includes('event: snapshot'));
    const statsB = b.app.get(DeliveryStats);
    expect(statsB.snapshotStoreHitsTotal).toBe(1);
    expect(statsB.snapshotBuildsTotal).toBe(0);

    await gql(
      'mutation { setFlagEnabled(project: "default", environment: "development", flag: "checkout", enabled: true, expectedVersion: 1) { version } }',
    );
    await until(() => text.includes('event: patch'));
    const patch = JSON.parse(/event: patch\nid: \d+\ndata: (.*)\n/.exec(text)![1]!) as {
      from: number;
      version: number;
      flags: Record<string, { enabled: boolean }>;
    };
    expect(patch.version).toBe(patch.from + 1);
    expect(patch.flags.checkout!.enabled).toBe(true);
    req.destroy();
    expect(ended || req.destroyed).toBe(true);
  });
});
