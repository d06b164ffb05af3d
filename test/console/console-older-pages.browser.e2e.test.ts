import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import { startConsoleRig, type ConsoleRig } from './console-harness.js';
import { releaseTrain, reportHealth } from './seed-releases.js';

// More than a page of each list: the console asks for 25 deployments, 20 artifacts, 10 health
// signals and 25 changes.
const SHIPPED = 30;
const SIGNALS = 14;
const FLAGS = 30;

let rig: ConsoleRig;
let ship: (version: string) => Promise<void>;
beforeAll(async () => {
  rig = await startConsoleRig();
  ship = await releaseTrain(rig.url, rig.gql, 'ledger');
  for (let n = 1; n <= SHIPPED; n++) await ship(`1.0.${n}`);
  await reportHealth(rig.url, rig.gql, 'ledger', SIGNALS);
  for (let n = 1; n <= FLAGS; n++) await createFlag(`flag-${n}`);
});
afterAll(() => rig?.close());

const createFlag = (key: string) =>
  rig.gql(
    `mutation ($key: String!) { createFlag(project: "default", input: { key: $key, name: $key, kind: BOOLEAN }) { key } }`,
    { key },
  );

/** `<prefix><newest>` down to `<prefix><oldest>`. */
const newestFirst = (prefix: string, newest: number, oldest: number) =>
  Array.from({ length: newest - oldest + 1 }, (_, i) => `${prefix}${newest - i}`);

/** Opens a page signed in as the owner and waits until nothing on it is loading. */
async function open(path: string): Promise<Page> {
  const page = await rig.page(rig.ownerToken);
  await page.goto(rig.url + path);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
  return page;
}

/** The texts of `cells` once there are `count` of them (the rows of one answer come in one render). */
async function textsOf(cells: Locator, count: number): Promise<string[]> {
  await cells.nth(count - 1).waitFor();
  return cells.allInnerTexts();
}

const deploymentVersions = (page: Page) =>
  page
    .getByRole('table', { name: 'Deployments in Staging, newest first' })
    .locator('tbody td:nth-child(2) code');
const artifactTable = (page: Page) => page.getByRole('table', { name: 'Artifacts of ledger, newest first' });
const artifactVersions = (page: Page) => artifactTable(page).locator('tbody th[scope="row"] code');
const signalSources = (page: Page) =>
  page
    .getByRole('region', { name: 'Health in Staging' })
    .locator('.signals li > code:not(.signals__details)');

// In order: the later tests ship and promote on top of what the earlier ones saw.
describe('older pages in the console', () => {
  it.each([
    {
      list: 'deployments',
      names: deploymentVersions,
      all: newestFirst('1.0.', SHIPPED, 1),
      firstPage: 25,
      button: 'Older deployments',
    },
    {
      list: 'artifacts',
      names: artifactVersions,
      all: newestFirst('1.0.', SHIPPED, 1),
      firstPage: 20,
      button: 'Older artifacts of ledger',
    },
    {
      list: 'health signals',
      names: signalSources,
      all: newestFirst('check-', SIGNALS, 1),
      firstPage: 10,
      button: 'Older health signals',
    },
  ])(
    'appends older $list below the newest until there are none',
    async ({ names, all, firstPage, button }) => {
      const page = await open('/projects/default/releases/staging');
      expect(await textsOf(names(page), firstPage)).toEqual(all.slice(0, firstPage));

      await page.getByRole('button', { name: button }).click();
      expect(await textsOf(names(page), all.length)).toEqual(all);
      await page.getByRole('button', { name: button }).waitFor({ state: 'detached' });
    },
  );

  it('shows a deployment recorded after older ones were loaded at the top, keeping the older ones', async () => {
    const page = await open('/projects/default/releases/staging');
    await page.getByRole('button', { name: 'Older deployments' }).click();
    await page.getByRole('button', { name: 'Older artifacts of ledger' }).click();
    await textsOf(deploymentVersions(page), 30);
    await textsOf(artifactVersions(page), 30);

    await ship('1.0.31');
    // The next poll brings it; 1.0.6, which it pushed off the first page, stays in view, once.
    expect(await textsOf(deploymentVersions(page), 31)).toEqual(newestFirst('1.0.', 31, 1));
    expect(await textsOf(artifactVersions(page), 31)).toEqual(newestFirst('1.0.', 31, 1));
  });

  it('shows the promotion of an artifact on an older page in its row', async () => {
    const page = await open('/projects/default/releases/staging');
    await page.getByRole('button', { name: 'Older artifacts of ledger' }).click();
    await artifactTable(page).getByRole('button', { name: 'Promote… 1.0.2', exact: true }).click();
    const form = page.getByRole('form', { name: 'Promote ledger 1.0.2' });
    await form.getByLabel('Promote to').selectOption('BETA');
    await form.getByRole('button', { name: 'Promote' }).click();
    await page.getByRole('status').getByText('Promoted ledger 1.0.2 to beta.').waitFor();

    const promoted = artifactTable(page)
      .locator('tbody tr')
      .filter({ has: page.locator('th code', { hasText: /^1\.0\.2$/ }) });
    await promoted.getByText('alpha → beta by').waitFor();
    expect(await artifactVersions(page).allInnerTexts()).toEqual(newestFirst('1.0.', 31, 1));
  });

  it('appends older changes to the audit log, and new changes still come in at the top', async () => {
    // Each new flag's configuration in staging is one change there.
    const page = await open('/projects/default/audit?type=flagConfig&env=staging');
    const flags = page.locator('.revision__what').getByRole('button', { name: /^flag-/ });
    expect(await textsOf(flags, 25)).toEqual(newestFirst('flag-', 30, 6));

    await page.getByRole('button', { name: 'Older changes' }).click();
    expect(await textsOf(flags, 30)).toEqual(newestFirst('flag-', 30, 1));
    await page.getByRole('button', { name: 'Older changes' }).waitFor({ state: 'detached' });

    await createFlag('flag-31');
    expect(await textsOf(flags, 31)).toEqual(newestFirst('flag-', 31, 1));
  });
});
