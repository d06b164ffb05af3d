import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { signIn, startConsoleRig, type ConsoleRig } from './console-harness.js';

let rig: ConsoleRig;
beforeAll(async () => {
  rig = await startConsoleRig();
});
afterAll(() => rig?.close());

interface StagingConfig {
  flag: {
    config: {
      enabled: boolean;
      rolloutShare: number;
      version: number;
      salt: string | null;
      targets: Array<{ variation: string; values: string[] }>;
    };
  };
}

const stagingConfig = (flag: string) =>
  rig.gql<StagingConfig>(
    `query ($flag: String!) { flag(project: "default", key: $flag) {
       config(environment: "staging") { enabled rolloutShare version salt targets { variation values } } } }`,
    { flag },
  );

const createFlag = (key: string) =>
  rig.gql(
    `mutation ($key: String!) { createFlag(project: "default", input: { key: $key, name: $key, kind: BOOLEAN }) { key } }`,
    {
      key,
    },
  );

describe('the console in a browser', () => {
  it('signs in, creates a flag, ramps it to 25 % in staging with a reason and shows the change in the audit log', async () => {
    const page = await rig.page();
    await signIn(page, rig.url, rig.ownerToken);

    await page.getByRole('button', { name: 'New flag' }).click();
    await page.getByLabel('Name', { exact: true }).fill('New checkout');
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe('new-checkout');
    await page.getByRole('button', { name: 'Create flag' }).click();
    await page.getByRole('heading', { name: 'New checkout', level: 1 }).waitFor();

    await page
      .getByRole('navigation', { name: 'Environments' })
      .getByRole('link', { name: /Staging/ })
      .click();
    await page.waitForURL(/\/projects\/default\/flags\/new-checkout\/staging$/);
    await page.getByRole('switch').click();
    const defaultRule = page.locator('section', { has: page.getByRole('heading', { name: 'Default rule' }) });
    await defaultRule.getByLabel('Percentage rollout').check();
    await defaultRule.getByLabel('on', { exact: true }).fill('25');
    expect(await defaultRule.getByLabel('off', { exact: true }).inputValue()).toBe('75');
    expect(await defaultRule.getByText('Total 100 %').count()).toBe(1);

    await page.getByRole('button', { name: 'Review and save' }).click();
    const review = page.getByRole('form', { name: 'Review changes in Staging' });
    await review.waitFor();
    expect(await review.getByRole('row', { name: /Default rule › rollout/ }).innerText()).toContain(
      'on 25 % / off 75 %',
    );
    await review.getByLabel(/Reason/).fill('ramp to 25 % after a clean day in development');
    await review.getByRole('button', { name: 'Save in Staging' }).click();
    await page.getByText(/^Saved in Staging: version \d+\.$/).waitFor();

    const saved = await stagingConfig('new-checkout');
    expect(saved.flag.config).toMatchObject({ enabled: true, rolloutShare: 25 });
    expect(await page.getByRole('link', { name: /Staging/ }).innerText()).toContain('On · 25 %');

    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit log' }).click();
    const revision = page
      .getByRole('listitem')
      .filter({ hasText: 'ramp to 25 % after a clean day in development' });
    await revision.waitFor();
    expect(await revision.innerText()).toMatch(/flagConfig\s+new-checkout\s+in\s+Staging/);
    await revision.getByRole('button', { name: /Show \d+ changes/ }).click();
    expect(await revision.getByRole('row', { name: /Default rule › rollout/ }).innerText()).toContain(
      'on 25 %',
    );
  });

  it('shows what someone else saved meanwhile, keeps my edit, and saves it again on top of theirs', async () => {
    await createFlag('conflicted');
    const page = await rig.page(rig.ownerToken);
    // A frozen clock stops the live refresh, so the save itself meets the concurrent change.
    await page.clock.install();
    await page.goto(`${rig.url}/projects/default/flags/conflicted/staging`);
    await page.getByRole('heading', { name: 'conflicted', level: 1 }).waitFor();

    await page.getByLabel('Serve “on” to').fill('user-7');
    await page.getByRole('button', { name: 'Review and save' }).click();
    const base = await stagingConfig('conflicted');
    await rig.gql(
      `mutation ($v: Int!) { setFlagEnabled(project: "default", environment: "staging", flag: "conflicted",
         enabled: true, expectedVersion: $v, reason: "someone else turns it on") { version } }`,
      { v: base.flag.config.version },
    );
    await page.getByRole('button', { name: 'Save in Staging' }).click();

    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else changed this configuration' });
    await conflict.waitFor();
    // Who changed it and why arrive with the revisions query, after the view itself.
    await conflict.getByText('someone else turns it on', { exact: false }).waitFor();
    const theirs = conflict.getByRole('table', { name: 'Their changes' });
    expect(await theirs.getByRole('row', { name: /On\/off/ }).innerText()).toMatch(/off\s+on/);
    const mine = conflict.getByRole('table', { name: 'Your changes' });
    expect(await mine.innerText()).toContain('Targets');

    await conflict.getByRole('button', { name: 'Reapply my changes on their version' }).click();
    await page.getByRole('button', { name: 'Review and save' }).click();
    await page.getByRole('button', { name: 'Save in Staging' }).click();
    await page.getByText(/^Saved in Staging: version \d+\.$/).waitFor();
    const merged = await stagingConfig('conflicted');
    expect(merged.flag.config.enabled).toBe(true);
    expect(merged.flag.config.targets).toEqual([{ variation: 'on', values: ['user-7'] }]);

    // Live refresh: a change arriving while I edit opens the same view, with my edit kept.
    await page.getByLabel('Salt').fill('release-42');
    await rig.gql(
      `mutation ($v: Int!) { setFlagEnabled(project: "default", environment: "staging", flag: "conflicted",
         enabled: false, expectedVersion: $v, reason: "incident") { version } }`,
      { v: merged.flag.config.version },
    );
    await page.clock.runFor(4000);
    await conflict.waitFor();
    expect(await conflict.getByRole('table', { name: 'Your changes' }).innerText()).toContain('release-42');
    await conflict.getByRole('button', { name: 'Drop my changes' }).click();
    expect(await page.getByLabel('Salt').inputValue()).toBe('');
    expect(await page.getByRole('switch').getAttribute('aria-checked')).toBe('false');
  });

  it('gives a viewer nothing to change, and the server refuses a viewer’s change anyway', async () => {
    await createFlag('viewer-visible');
    const { createAdminToken } = await rig.gql<{ createAdminToken: { secret: string } }>(
      `mutation { createAdminToken(project: "default", input: { name: "auditor", role: VIEWER }) { secret } }`,
    );
    const page = await rig.page();
    await signIn(page, rig.url, createAdminToken.secret);
    expect(await page.getByText('Viewer', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'New flag' }).count()).toBe(0);

    await page.getByRole('link', { name: 'viewer-visible', exact: true }).click();
    await page.getByText('Your token is a viewer here').waitFor();
    expect(await page.getByRole('switch').isDisabled()).toBe(true);
    expect(await page.getByLabel('Salt').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Add a rule' }).isDisabled()).toBe(true);

    // From the page, with the token the console holds: the server is the last word.
    const answer = await page.evaluate(async (token) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `mutation { setFlagEnabled(project: "default", environment: "development", flag: "viewer-visible",
                    enabled: true, expectedVersion: 0) { version } }`,
        }),
      });
      return (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    }, createAdminToken.secret);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
