// FlagstaffWebProvider through @openfeature/web-sdk in Chromium, against a server process: the
// page imports the shipped `openfeature.js` entry and OpenFeature's own ESM build through an
// import map (as a page without a bundler would). In the browser rather than in Node because the
// provider's whole point is the browser side: EventSource, CORS, the lazily loaded chunks.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FlagServer } from './flag-server.js';
import { SdkWebPage } from './sdk-web-page.js';

const require = createRequire(import.meta.url);
const esmBuildOf = (name: string) => join(dirname(require.resolve(name)), '../esm');

const PAGE = `<!doctype html>
<script type="importmap">
  { "imports": { "@openfeature/web-sdk": "/vendor/web-sdk/index.js", "@openfeature/core": "/vendor/core/index.js" } }
</script>
<script type="module">
  import { OpenFeature, ProviderEvents } from '@openfeature/web-sdk';
  import { FlagstaffWebProvider } from '/sdk/openfeature.js';
  const events = (globalThis.events = []);
  for (const type of Object.values(ProviderEvents)) {
    OpenFeature.addHandler(type, (details) =>
      events.push({ type, domain: details?.domain, flagsChanged: details?.flagsChanged, message: details?.message }),
    );
  }
  const options = (clientKey, baseUrl) => ({ clientKey, baseUrl, pollIntervalMs: 1000, timeoutMs: 2000, logger: {} });
  globalThis.start = async (clientKey, baseUrl) => {
    await OpenFeature.setContext({ targetingKey: 'visitor-1' });
    await OpenFeature.setProviderAndWait(new FlagstaffWebProvider(options(clientKey, baseUrl)));
  };
  globalThis.startBroken = (clientKey, baseUrl) =>
    OpenFeature.setProviderAndWait('broken', new FlagstaffWebProvider(options(clientKey, baseUrl))).then(
      () => 'ready',
      (error) => 'rejected: ' + error.message,
    );
  globalThis.details = (key, domain) => {
    const { flagKey, value, variant, reason, errorCode } = OpenFeature.getClient(domain).getBooleanDetails(key, false);
    return { flagKey, value, variant, reason, errorCode };
  };
  globalThis.setContext = (context) => OpenFeature.setContext(context);
  globalThis.pageReady = true;
</script>`;

interface SeenEvent {
  type: string;
  domain?: string;
  flagsChanged?: string[];
  message?: string;
}

describe('FlagstaffWebProvider through OpenFeature in Chromium', () => {
  let server: FlagServer;
  let clientKey: string;
  let web: SdkWebPage;
  let page: Page;

  const events = () => page.evaluate('events') as Promise<SeenEvent[]>;
  const details = (key: string, domain?: string) =>
    page.evaluate(`details(${JSON.stringify(key)}, ${JSON.stringify(domain)})`) as Promise<
      Record<string, unknown>
    >;
  const waitForEvent = (type: string, after: number) =>
    page.waitForFunction(
      ([type, after]) =>
        (globalThis as unknown as { events: SeenEvent[] }).events.slice(after).some((e) => e.type === type),
      [type, after] as const,
    );

  beforeAll(async () => {
    server = await FlagServer.start();
    await server.createFlag('vip-offer', true);
    await server.configure(
      'vip-offer',
      '{ enabled: true, offVariation: "off", fallthrough: { variation: "off" }, targets: [{ variation: "on", values: ["vip"] }] }',
    );
    clientKey = await server.clientKey();
    web = await SdkWebPage.open(
      { '/': PAGE },
      {
        '/vendor/web-sdk/': esmBuildOf('@openfeature/web-sdk'),
        '/vendor/core/': esmBuildOf('@openfeature/core'),
      },
    );
    page = web.page;
    await page.goto(`${web.site.url}/`);
    await page.waitForFunction(() => (globalThis as { pageReady?: boolean }).pageReady === true);
  });

  afterAll(async () => {
    await web?.close();
    await server?.remove();
  });

  it('becomes READY through setProviderAndWait and evaluates for the static context', async () => {
    await page.evaluate(`start(${JSON.stringify(clientKey)}, ${JSON.stringify(server.url)})`);
    expect((await events()).map((e) => e.type)).toContain('PROVIDER_READY');
    expect(await details('vip-offer')).toEqual({
      flagKey: 'vip-offer',
      value: false,
      variant: 'off',
      reason: 'DEFAULT',
      errorCode: undefined,
    });
    expect((await details('no-such-flag')).errorCode).toBe('FLAG_NOT_FOUND');
  });

  it('evaluates for a new context as soon as OpenFeature sets it, with no request', async () => {
    const before = (await events()).length;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.evaluate(`setContext({ targetingKey: 'vip' })`);
    expect(await details('vip-offer')).toMatchObject({
      value: true,
      variant: 'on',
      reason: 'TARGETING_MATCH',
    });
    expect((await events()).slice(before).map((e) => e.type)).toContain('PROVIDER_CONTEXT_CHANGED');
    expect(requests).toEqual([]);
  });

  it('announces a change made over GraphQL as CONFIGURATION_CHANGED naming the flag', async () => {
    const before = (await events()).length;
    await server.setEnabled('vip-offer', false);
    await waitForEvent('PROVIDER_CONFIGURATION_CHANGED', before);
    const changed = (await events()).slice(before).find((e) => e.type === 'PROVIDER_CONFIGURATION_CHANGED');
    expect(changed?.flagsChanged).toEqual(['vip-offer']);
    expect(await details('vip-offer')).toMatchObject({ value: false, reason: 'DISABLED' });
  });

  it('reports ERROR for a provider whose key the server refuses', async () => {
    const before = (await events()).length;
    const outcome = await page.evaluate(`startBroken('fsc_not_a_key', ${JSON.stringify(server.url)})`);
    expect(outcome).toMatch(/^rejected: flagstaff: no snapshot yet/);
    expect((await events()).slice(before)).toContainEqual(
      expect.objectContaining({ type: 'PROVIDER_ERROR', domain: 'broken' }),
    );
    expect(await details('vip-offer', 'broken')).toMatchObject({ value: false, reason: 'ERROR' });
  });

  it('turns STALE when the server stops, and keeps evaluating from the last snapshot', async () => {
    const before = (await events()).length;
    await server.stop();
    await waitForEvent('PROVIDER_STALE', before);
    expect(await details('vip-offer')).toMatchObject({
      value: false,
      reason: 'DISABLED',
      errorCode: undefined,
    });
  });
});
