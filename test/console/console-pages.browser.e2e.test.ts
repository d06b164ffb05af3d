import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { screenshot, seriousViolations, startConsoleRig, type ConsoleRig } from './console-harness.js';
import { seedReleases, type SeededPlans } from './seed-releases.js';

let rig: ConsoleRig;
let plans: SeededPlans;
beforeAll(async () => {
  rig = await startConsoleRig();
  await seed(rig);
  plans = await seedReleases(rig.url, rig.gql);
});
afterAll(() => rig?.close());

const rollout = (weights: Record<string, number>) => ({
  rollout: { weights: Object.entries(weights).map(([variation, weight]) => ({ variation, weight })) },
});

/** A project that looks used: flags in several states, a segment, configuration, tokens, history. */
async function seed({ gql }: ConsoleRig): Promise<void> {
  const flags = [
    { key: 'new-checkout', name: 'New checkout', kind: 'BOOLEAN', tags: ['checkout', 'team-payments'] },
    { key: 'dark-mode', name: 'Dark mode', kind: 'BOOLEAN', tags: ['ui'], temporary: false },
    {
      key: 'search-ranking',
      name: 'Search ranking',
      kind: 'STRING',
      tags: ['search'],
      variations: [
        { key: 'classic', value: 'classic', name: 'Classic' },
        { key: 'semantic', value: 'semantic', name: 'Semantic' },
        { key: 'hybrid', value: 'hybrid', name: 'Hybrid' },
      ],
      offVariation: 'classic',
    },
    {
      key: 'api-rate-limit',
      name: 'API rate limit',
      kind: 'NUMBER',
      tags: ['platform'],
      temporary: false,
      variations: [
        { key: 'standard', value: 100 },
        { key: 'raised', value: 500 },
      ],
      offVariation: 'standard',
    },
  ];
  for (const input of flags) {
    await gql(
      'mutation ($input: CreateFlagInput!) { createFlag(project: "default", input: $input) { key } }',
      { input },
    );
  }
  await gql(
    `mutation ($input: CreateSegmentInput!) { createSegment(project: "default", input: $input) { key } }`,
    {
      input: {
        key: 'beta-testers',
        name: 'Beta testers',
        description: 'People who asked for early features',
        included: Array.from({ length: 40 }, (_, i) => `user-${i + 1}`),
        excluded: ['user-999'],
        rules: [{ clauses: [{ attribute: 'plan', op: 'in', values: ['pro', 'enterprise'] }] }],
      },
    },
  );
  const configure = async (
    flag: string,
    environment: string,
    input: Record<string, unknown>,
    reason?: string,
  ) => {
    const { flag: current } = await gql<{ flag: { config: { version: number } } }>(
      `query ($flag: String!, $env: String!) { flag(project: "default", key: $flag) { config(environment: $env) { version } } }`,
      { flag, env: environment },
    );
    await gql(
      `mutation ($flag: String!, $env: String!, $v: Int!, $input: FlagConfigInput!, $reason: String) {
         updateFlagConfig(project: "default", environment: $env, flag: $flag, expectedVersion: $v, input: $input, reason: $reason) { version } }`,
      { flag, env: environment, v: current.config.version, input, reason: reason ?? null },
    );
  };
  await configure('new-checkout', 'development', {
    enabled: true,
    offVariation: 'off',
    fallthrough: { variation: 'on' },
  });
  await configure(
    'new-checkout',
    'staging',
    { enabled: true, offVariation: 'off', fallthrough: rollout({ on: 25_000, off: 75_000 }) },
    'ramp to 25 % after a clean day at 10 %',
  );
  await configure(
    'new-checkout',
    'production',
    { enabled: true, offVariation: 'off', fallthrough: rollout({ on: 5_000, off: 95_000 }) },
    'first 5 % in production',
  );
  for (const env of ['development', 'staging', 'production']) {
    await configure(
      'dark-mode',
      env,
      { enabled: true, offVariation: 'off', fallthrough: { variation: 'on' } },
      'on everywhere',
    );
  }
  await configure(
    'search-ranking',
    'staging',
    {
      enabled: true,
      offVariation: 'classic',
      targets: [{ variation: 'hybrid', values: ['user-42', 'qa-bot'] }],
      rules: [
        {
          description: 'Our home markets first',
          clauses: [
            { attribute: 'country', op: 'in', values: ['NZ', 'AU'] },
            { attribute: 'appVersion', op: 'semverGte', values: ['2.4.0'] },
          ],
          serve: { variation: 'semantic' },
        },
        {
          description: 'Beta testers try the hybrid',
          clauses: [{ attribute: '', op: 'segmentMatch', values: ['beta-testers'] }],
          serve: rollout({ hybrid: 50_000, semantic: 50_000 }),
        },
      ],
      fallthrough: rollout({ classic: 70_000, semantic: 20_000, hybrid: 10_000 }),
    },
    'try semantic ranking in our home markets',
  );
  const entries = [
    { key: 'checkout.currency', type: 'STRING', value: 'NZD', description: 'Default currency' },
    { key: 'checkout.maxItems', type: 'NUMBER', value: 50 },
    { key: 'banner', type: 'JSON', value: { text: 'Spring sale', tone: 'info' }, clientSide: true },
  ];
  for (const input of entries) {
    await gql(
      `mutation ($input: ConfigEntryInput!) { setConfigEntry(project: "default", environment: "staging", input: $input) { key } }`,
      { input },
    );
  }
  await gql(
    `mutation { setSecret(project: "default", environment: "staging",
       input: { key: "payments.apiKey", value: "sk_live_not_shown", description: "Payment provider" }) { key } }`,
  );
  await gql(
    `mutation { createSdkKey(project: "default", environment: "staging", input: { name: "checkout-service", kind: SERVER }) { secret } }`,
  );
  await gql(
    `mutation { createAdminToken(project: "default", input: { name: "auditor", role: VIEWER }) { secret } }`,
  );
  await gql(
    `mutation { createPipelineToken(project: "default", input: { name: "release pipeline" }) { secret } }`,
  );
}

/** Opens a page signed in as the owner and waits for its main heading. */
async function open(path: string, heading: string | RegExp): Promise<Page> {
  const page = await rig.page(rig.ownerToken);
  await page.goto(rig.url + path);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  // A page may load several parts at once: wait until none is loading.
  await page.getByRole('status').filter({ hasText: 'Loading' }).first().waitFor({ state: 'detached' });
  return page;
}

describe('every main page of the console', () => {
  const pages: Array<{
    name: string;
    path: string;
    heading: string | RegExp;
    ready?: (page: Page) => Promise<void>;
  }> = [
    { name: 'flags', path: '/projects/default/flags', heading: 'Flags' },
    {
      name: 'flag',
      path: '/projects/default/flags/search-ranking/staging',
      heading: 'Search ranking',
      ready: async (page) => {
        await page
          .getByLabel('Evaluation context (JSON)')
          .fill('{\n  "targetingKey": "user-7",\n  "country": "NZ",\n  "appVersion": "2.5.1"\n}');
        await page.getByRole('button', { name: 'Evaluate' }).click();
        await page.getByText('Rule 1 matched.').waitFor();
      },
    },
    { name: 'segments', path: '/projects/default/segments', heading: 'Segments' },
    { name: 'segment', path: '/projects/default/segments/beta-testers', heading: 'Beta testers' },
    { name: 'configuration', path: '/projects/default/config/staging', heading: /Configuration/ },
    { name: 'tokens', path: '/projects/default/tokens', heading: 'Tokens' },
    {
      name: 'audit',
      path: '/projects/default/audit?type=flagConfig',
      heading: 'Audit log',
      ready: async (page) => {
        await page
          .getByRole('button', { name: /Show \d+ changes?/ })
          .first()
          .click();
      },
    },
    {
      name: 'releases',
      path: '/projects/default/releases/staging',
      heading: /Releases/,
      ready: async (page) => {
        await page.getByRole('table', { name: /Artifacts of checkout/ }).waitFor();
        await page.getByRole('table', { name: /Artifacts of search-api/ }).waitFor();
      },
    },
    {
      name: 'rollout-plans',
      path: '/projects/default/rollout-plans/staging',
      heading: /Rollout plans/,
      ready: async (page) => {
        await page.getByRole('button', { name: 'New rollout plan' }).click();
        await page.getByRole('form', { name: /New rollout plan/ }).waitFor();
      },
    },
  ];

  for (const { name, path, heading, ready } of pages) {
    it(`shows the ${name} page with no serious or critical accessibility problem`, async () => {
      const page = await open(path, heading);
      await ready?.(page);
      await screenshot(page, `console-${name}`);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('shows the sign-in page with no serious or critical accessibility problem', async () => {
    const page = await rig.page();
    await page.goto(rig.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'console-sign-in');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows an edit under review with no serious or critical accessibility problem', async () => {
    const page = await open('/projects/default/flags/new-checkout/production', 'New checkout');
    const defaultRule = page.locator('section', { has: page.getByRole('heading', { name: 'Default rule' }) });
    await defaultRule.getByLabel('on', { exact: true }).fill('10');
    await page.getByRole('button', { name: 'Review and save' }).click();
    const review = page.getByRole('form', { name: 'Review changes in Production' });
    await review.waitFor();
    expect(await review.getByLabel(/Reason/).getAttribute('required')).not.toBeNull();
    expect(await review.getByRole('button', { name: 'Save in Production' }).isDisabled()).toBe(true);
    await screenshot(page, 'console-review');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a rollout plan with its steps and history with no serious or critical accessibility problem', async () => {
    const page = await open(
      `/projects/default/rollout-plans/staging/${plans.ramping}`,
      'Rollout of dark-mode in Staging',
    );
    await page
      .getByRole('table', { name: 'What the plan did, oldest first' })
      .getByText('started')
      .first()
      .waitFor();
    expect(await page.getByText('step 1 of 3').count()).toBe(1);
    await screenshot(page, 'console-rollout-plan');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe('release management in the console', () => {
  it('resumes a paused rollout plan, then cancels it with a reason', async () => {
    const page = await open(
      `/projects/default/rollout-plans/staging/${plans.paused}`,
      /Rollout of api-rate-limit/,
    );
    expect(await page.getByText('waiting for the load test').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('status').getByText('Resumed: api-rate-limit in Staging.').waitFor();
    await page.getByLabel(/Reason/).fill('load test postponed');
    await page.getByRole('button', { name: 'Cancel plan…' }).click();
    await page.getByRole('button', { name: 'Cancel the plan, leave the flag' }).click();
    await page.getByRole('status').getByText('Cancelled: api-rate-limit in Staging.').waitFor();
    const { rolloutPlan } = await rig.gql<{
      rolloutPlan: { status: string; history: Array<{ message: string }> };
    }>(`query ($id: ID!) { rolloutPlan(project: "default", id: $id) { status history { message } } }`, {
      id: plans.paused,
    });
    expect(rolloutPlan.status).toBe('CANCELLED');
    expect(rolloutPlan.history.map((e) => e.message).join('\n')).toContain('load test postponed');
  });

  it('promotes a release to a later stage with notes', async () => {
    const page = await open('/projects/default/releases/staging', /Releases/);
    const artifacts = page.getByRole('table', { name: /Artifacts of checkout/ });
    await artifacts.getByRole('button', { name: 'Promote… 2.3.0' }).click();
    const form = page.getByRole('form', { name: 'Promote checkout 2.3.0' });
    await form.getByLabel('Promote to').selectOption('RC');
    await form.getByLabel('Notes').fill('signed off by QA');
    await form.getByRole('button', { name: 'Promote' }).click();
    await page.getByRole('status').getByText('Promoted checkout 2.3.0 to rc.').waitFor();
    await artifacts.getByText('alpha → rc by').waitFor();
  });

  it('shows plans to a viewer without the actions that change them', async () => {
    const { createAdminToken } = await rig.gql<{ createAdminToken: { secret: string } }>(
      `mutation { createAdminToken(project: "default", input: { name: "watcher", role: VIEWER }) { secret } }`,
    );
    const page = await rig.page(createAdminToken.secret);
    await page.goto(`${rig.url}/projects/default/rollout-plans/staging`);
    await page.getByText('Viewers can follow plans; editors steer them.').first().waitFor();
    expect(await page.getByRole('button', { name: 'Pause' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New rollout plan' }).count()).toBe(0);
  });
});
