// sdk-web in Chromium against a real server process: a page on another origin loads the shipped
// bundle with a client key, shows flags, follows a change made over GraphQL without a reload, and
// after the server stops still shows the last values from localStorage on a reload. The page
// records every body its fetch and EventSource delivered, so the test can say exactly what the
// browser received with a client key.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FlagServer } from './flag-server.js';
import { SdkWebPage } from './sdk-web-page.js';

const PAGE = `<!doctype html>
<p id="banner">loading</p>
<p id="staff">loading</p>
<p id="theme">loading</p>
<p id="status">loading</p>
<script>
  // What the browser received, recorded before the SDK loads.
  globalThis.received = [];
  const NativeEventSource = globalThis.EventSource;
  globalThis.EventSource = class extends NativeEventSource {
    constructor(url) {
      super(url);
      for (const type of ['snapshot', 'patch']) {
        super.addEventListener(type, (event) => received.push({ via: 'stream', url, type, data: event.data }));
      }
    }
  };
  const nativeFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await nativeFetch(input, init);
    const text = await response.clone().text();
    received.push({ via: 'fetch', url: String(input), status: response.status, data: text });
    return response;
  };
</script>
<script type="module">
  import { createClient } from '/sdk/index.js';
  const params = new URLSearchParams(location.search);
  const client = createClient({
    clientKey: params.get('key'),
    baseUrl: params.get('server'),
    context: { targetingKey: 'visitor-1', email: 'ana@flagstaff.dev' },
    pollIntervalMs: 1000,
    timeoutMs: 2000,
    logger: {},
  });
  const show = (id, text) => (document.getElementById(id).textContent = text);
  const render = () => {
    show('banner', client.booleanVariation('banner', false) ? 'banner on' : 'banner off');
    show('staff', client.booleanVariation('staff-tools', false) ? 'staff tools' : 'no staff tools');
    show('theme', String(client.getConfig('theme') ?? 'no theme'));
    show('status', client.status);
  };
  for (const event of ['ready', 'change', 'stale']) client.on(event, render);
  render();
  globalThis.loadedAt = performance.timeOrigin;
</script>`;

const SERVER_ONLY = ['checkout', 'db.pool', 'db.password', 'hunter2'];

describe('sdk-web in Chromium against a server process', () => {
  let server: FlagServer;
  let clientKey: string;
  let web: SdkWebPage;
  let page: Page;

  const text = (id: string) => page.locator(`#${id}`).textContent();
  const waitForText = (id: string, expected: string) =>
    page.waitForFunction(
      ([id, expected]) =>
        (
          globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }
        ).document.getElementById(id).textContent === expected,
      [id, expected] as const,
    );
  const received = () =>
    page.evaluate(
      () => (globalThis as unknown as { received: { via: string; url: string; data: string }[] }).received,
    );

  beforeAll(async () => {
    server = await FlagServer.start();
    for (const [key, clientSide] of [
      ['banner', true],
      ['staff-tools', true],
      ['checkout', false],
    ] as const) {
      await server.createFlag(key, clientSide);
    }
    // A pattern rule: the page loads the regex engine for it.
    await server.configure(
      'staff-tools',
      `{ enabled: true, offVariation: "off", fallthrough: { variation: "off" },
         rules: [{ clauses: [{ attribute: "email", op: "matches", values: ["@flagstaff\\\\.dev$"] }], serve: { variation: "on" } }] }`,
    );
    await server.admin(
      'mutation { setConfigEntry(project: "default", environment: "staging", input: { key: "theme", type: STRING, value: "dark", clientSide: true }) { key } }',
    );
    await server.admin(
      'mutation { setConfigEntry(project: "default", environment: "staging", input: { key: "db.pool", type: NUMBER, value: 20 }) { key } }',
    );
    await server.admin(
      'mutation { setSecret(project: "default", environment: "staging", input: { key: "db.password", value: "hunter2" }) { key } }',
    );
    clientKey = await server.clientKey();

    web = await SdkWebPage.open({ '/': PAGE });
    page = web.page;
    await page.goto(`${web.site.url}/?${new URLSearchParams({ key: clientKey, server: server.url })}`);
  });

  afterAll(async () => {
    await web?.close();
    await server?.remove();
  });

  it('shows the flags, configuration and a pattern rule from the server', async () => {
    await waitForText('status', 'ready');
    expect(await text('banner')).toBe('banner off');
    expect(await text('staff')).toBe('staff tools');
    expect(await text('theme')).toBe('dark');
    expect(web.regexChunksLoaded()).toHaveLength(1);
  });

  it('shows a flag toggled over GraphQL without a reload', async () => {
    const loadedAt = await page.evaluate(() => (globalThis as unknown as { loadedAt: number }).loadedAt);
    await server.setEnabled('banner', true);
    await waitForText('banner', 'banner on');
    expect(await page.evaluate(() => (globalThis as unknown as { loadedAt: number }).loadedAt)).toBe(
      loadedAt,
    );
  });

  it('receives only client-side flags and configuration: no server-only flag, secret or server setting', async () => {
    // A change to a server-only flag reaches the page as an empty patch, never as the flag.
    const before = (await received()).length;
    await server.setEnabled('checkout', true);
    await page.waitForFunction(
      (n) => (globalThis as unknown as { received: unknown[] }).received.length > n,
      before,
    );
    const bodies = await received();
    expect(bodies.some((b) => b.via === 'stream' && b.data.includes('"banner"'))).toBe(true);
    expect(
      bodies.every((b) => b.via !== 'stream' || new URL(b.url).searchParams.get('key') === clientKey),
    ).toBe(true);
    const all = bodies.map((b) => b.data).join('\n');
    expect(all).toContain('"theme"');
    for (const secret of SERVER_ONLY) expect(all).not.toContain(secret);
    const stored = await page.evaluate(() =>
      JSON.stringify(
        Object.entries((globalThis as unknown as { localStorage: Record<string, string> }).localStorage),
      ),
    );
    expect(stored).toContain('banner');
    for (const secret of SERVER_ONLY) expect(stored).not.toContain(secret);
  });

  it('still shows the cached values on a reload after the server stopped', async () => {
    await server.stop();
    await page.reload();
    await waitForText('banner', 'banner on');
    expect(await text('staff')).toBe('staff tools');
    expect(await text('theme')).toBe('dark');
    // Served from the cache, and the page is told it cannot refresh it.
    await waitForText('status', 'stale');
  });

  // After the server stopped: every stream it held has ended, so each has its request line.
  it('keeps the client key the stream carries in its URL out of the server log', () => {
    expect(server.log).toContain('/sdk/v1/stream');
    expect(server.log).not.toContain(clientKey);
  });
});
