// The shipped sdk-web bundle, built for the test into a folder of its own, served with the test's
// pages by a StaticSite, and one Chromium page on it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildSdkWeb } from '../../sdk-web/build.mjs';
import { launchChromium } from '../support/browser.js';
import { StaticSite } from './static-site.js';

export class SdkWebPage {
  private constructor(
    private readonly outdir: string,
    readonly site: StaticSite,
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  /** The bundle under /sdk/, `pages` as they are, `dirs` (prefix → folder) as files. */
  static async open(pages: Record<string, string>, dirs: Record<string, string> = {}): Promise<SdkWebPage> {
    const outdir = await mkdtemp(join(tmpdir(), 'flagstaff-sdk-web-'));
    await buildSdkWeb({ outdir });
    const site = await StaticSite.start(pages, { '/sdk/': outdir, ...dirs });
    const browser = await launchChromium();
    return new SdkWebPage(outdir, site, browser, await browser.newPage());
  }

  /** The paths of the regex chunk the browser fetched so far. */
  regexChunksLoaded(): string[] {
    return this.site.requested.filter((p) => p.includes('re2js'));
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.site.close();
    await rm(this.outdir, { recursive: true, force: true });
  }
}
