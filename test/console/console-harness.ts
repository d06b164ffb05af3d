import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminClient, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { launchChromium } from '../support/browser.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { ServerProcess } from '../support/server-process.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = resolve(ROOT, 'test-output/screenshots');

/** A first-started server process (built as `npm start` builds it) and a headless Chromium. */
export interface ConsoleRig {
  readonly url: string;
  readonly ownerToken: string;
  /** GraphQL as the owner. */
  readonly gql: AdminClient;
  readonly browser: Browser;
  /** A new tab of its own (own session storage), signed in with `token` when one is given. */
  page(token?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startConsoleRig(): Promise<ConsoleRig> {
  const server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await freshDataDir() });
  const ownerToken = ownerTokenIn(server.stdout);
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  let closing = false;
  // A server that dies under a test would otherwise show only as refused connections.
  void server.exited.then((exit) => {
    if (!closing) process.stderr.write(`server exited early (${JSON.stringify(exit)}):\n${server.stderr}\n`);
  });
  return {
    url: server.url,
    ownerToken,
    gql: adminClient(server.url, ownerToken),
    browser,
    async page(token) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
      contexts.push(context);
      if (token) {
        // Where the console keeps its session (console/src/session/token-storage.ts).
        await context.addInitScript({
          content: `sessionStorage.setItem('flagstaff.adminToken', ${JSON.stringify(token)})`,
        });
      }
      return context.newPage();
    },
    async close() {
      closing = true;
      await Promise.all(contexts.map((c) => c.close()));
      await browser.close();
      await server.stop();
      await removeDataDirs();
    },
  };
}

/** Signs in through the form, as a person would, and waits for the flag list. */
export async function signIn(page: Page, url: string, token: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Flags', level: 1 }).waitFor();
}

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: await axeSource });
  // A string, as it runs in the page (this project type-checks without the DOM library).
  const violations = await page.evaluate<AxeViolation[]>(`axe.run(document).then((result) =>
    result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A full-page screenshot under test-output/screenshots (git-ignored), to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}
