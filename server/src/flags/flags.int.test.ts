import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startAdminApi, type AdminApi, type GraphQLResponse } from '../../../test/support/admin-api.js';

const CONFIG = `environment version enabled offVariation rolloutShare salt
  targets { variation values }
  rules { id description clauses { attribute op values negate } serve { variation rollout { bucketBy weights { variation weight } } } }
  fallthrough { variation rollout { bucketBy weights { variation weight } } }
  prerequisites { flag variation }`;

const CREATE = `mutation($project: String!, $input: CreateFlagInput!) {
  createFlag(project: $project, input: $input) { key kind version tags variations { key value } configs { ${CONFIG} } }
}`;
const UPDATE_CONFIG = `mutation($env: String!, $flag: String!, $input: FlagConfigInput!, $v: Int!, $reason: String) {
  updateFlagConfig(project: "default", environment: $env, flag: $flag, input: $input, expectedVersion: $v, reason: $reason) { ${CONFIG} }
}`;
const FLAG = `query($key: String!) { flag(project: "default", key: $key) { key version archived tags name
  variations { key value } configs { ${CONFIG} } } }`;

interface Config {
  environment: string;
  version: number;
  enabled: boolean;
  offVariation: string | null;
  rolloutShare: number;
  rules: { id: string }[];
  fallthrough: { variation: string | null; rollout: unknown };
  prerequisites: { flag: string; variation: string }[];
}
interface Flag {
  key: string;
  version: number;
  archived: boolean;
  tags: string[];
  name: string;
  variations: { key: string; value: unknown }[];
  configs: Config[];
}

const rollout = (on: number) => ({
  rollout: {
    weights: [
      { variation: 'on', weight: on },
      { variation: 'off', weight: 100_000 - on },
    ],
  },
});

describe('flags over GraphQL', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  function data<T>(res: GraphQLResponse<T>): T {
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!;
  }

  const createFlag = async (input: Record<string, unknown>, token?: string) =>
    api.gql<{ createFlag: Flag }>(CREATE, { project: 'default', input }, token);

  const flag = async (key: string) => data(await api.gql<{ flag: Flag }>(FLAG, { key })).flag;

  const config = async (key: string, env: string) =>
    (await flag(key)).configs.find((c) => c.environment === env)!;

  const environmentVersions = async () => {
    const res = await api.gql<{ project: { environments: { key: string; version: number }[] } }>(
      '{ project(key: "default") { environments { key version } } }',
    );
    return Object.fromEntries(data(res).project.environments.map((e) => [e.key, e.version]));
  };

  const revisions = async (key: string) => {
    const res = await api.gql<{
      revisions: {
        nodes: {
          id: string;
          entityType: string;
          action: string;
          environment: string | null;
          after: unknown;
        }[];
      };
    }>(
      'query($key: String!) { revisions(project: "default", entityType: "flag", entityKey: $key, first: 100) { nodes { id entityType action environment after } } }',
      { key },
    );
    return data(res).revisions.nodes;
  };

  const updateConfig = (
    env: string,
    key: string,
    input: Record<string, unknown>,
    v: number,
    reason?: string,
    token?: string,
  ) => api.gql<{ updateFlagConfig: Config }>(UPDATE_CONFIG, { env, flag: key, input, v, reason }, token);

  describe('creating', () => {
    it('creates a boolean flag, disabled with on/off variations, in every environment in one write', async () => {
      const before = await environmentVersions();
      const res = await createFlag({
        key: 'checkout.v2',
        name: 'New checkout',
        kind: 'BOOLEAN',
        tags: [' Checkout ', 'checkout', 'Web'],
      });
      const created = data(res).createFlag;
      expect(created).toMatchObject({
        key: 'checkout.v2',
        kind: 'BOOLEAN',
        version: 1,
        tags: ['checkout', 'web'],
        variations: [
          { key: 'on', value: true },
          { key: 'off', value: false },
        ],
      });
      expect(
        created.configs.map((c) => [
          c.environment,
          c.version,
          c.enabled,
          c.offVariation,
          c.fallthrough.variation,
          c.rolloutShare,
        ]),
      ).toEqual([
        ['development', 1, false, 'off', 'on', 100],
        ['staging', 1, false, 'off', 'on', 100],
        ['production', 1, false, 'off', 'on', 100],
      ]);
      const after = await environmentVersions();
      for (const env of Object.keys(before)) expect(after[env]).toBe(before[env]! + 1);
      const log = await revisions('checkout.v2');
      expect(log.map((r) => [r.entityType, r.action, r.environment]).sort()).toEqual([
        ['flag', 'create', null],
        ['flagConfig', 'create', 'development'],
        ['flagConfig', 'create', 'production'],
        ['flagConfig', 'create', 'staging'],
      ]);
    });

    it('refuses a string flag without variations or an off variation, naming both fields', async () => {
      const res = await createFlag({ key: 'banner', name: 'Banner', kind: 'STRING' });
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [
          expect.objectContaining({ path: '/variations', code: 'REQUIRED' }),
          expect.objectContaining({ path: '/offVariation', code: 'REQUIRED' }),
        ],
      });
    });

    it('creates a string flag with its chosen off and fallthrough variations', async () => {
      const res = await createFlag({
        key: 'banner',
        name: 'Banner',
        kind: 'STRING',
        variations: [
          { key: 'none', value: '' },
          { key: 'sale', value: 'Sale!' },
        ],
        offVariation: 'none',
        fallthroughVariation: 'sale',
      });
      expect(data(res).createFlag.configs[0]).toMatchObject({
        offVariation: 'none',
        fallthrough: { variation: 'sale' },
        rolloutShare: 100,
      });
    });

    it('lists every problem of a bad flag with its path', async () => {
      const res = await createFlag({
        key: 'bad key',
        name: '',
        kind: 'NUMBER',
        variations: [
          { key: 'one', value: 'not a number' },
          { key: 'one', value: 2 },
        ],
        offVariation: 'zero',
        tags: ['x'.repeat(65)],
        metadata: { ticket: { nested: true } },
      });
      const paths = (res.errors?.[0]?.extensions?.problems as { path: string; code: string }[]).map(
        (p) => `${p.path} ${p.code}`,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          '/key INVALID_KEY',
          '/name INVALID_NAME',
          '/tags/0 INVALID_TAG',
          '/variations/0/value VALUE_KIND_MISMATCH',
          '/variations/1/key DUPLICATE_KEY',
          '/offVariation UNKNOWN_VARIATION',
          '/metadata/ticket INVALID_METADATA',
        ]),
      );
    });

    it('refuses a key that exists in the project as a CONFLICT', async () => {
      const res = await createFlag({ key: 'checkout.v2', name: 'Again', kind: 'BOOLEAN' });
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    });

    it('lets a viewer create nothing', async () => {
      const viewer = await api.adminToken('viewer', 'default');
      const res = await createFlag({ key: 'viewer-flag', name: 'V', kind: 'BOOLEAN' }, viewer);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('configuring an environment', () => {
    beforeAll(async () => {
      data(await createFlag({ key: 'search', name: 'Search', kind: 'BOOLEAN' }));
    });

    it('bumps the configuration and the environment version by one and records one revision', async () => {
      const envBefore = await environmentVersions();
      const logBefore = await revisions('search');
      const res = await updateConfig(
        'development',
        'search',
        { enabled: true, offVariation: 'off', fallthrough: rollout(25_000) },
        1,
      );
      expect(data(res).updateFlagConfig).toMatchObject({
        environment: 'development',
        version: 2,
        enabled: true,
        rolloutShare: 25,
      });
      const envAfter = await environmentVersions();
      expect(envAfter).toEqual({ ...envBefore, development: envBefore.development! + 1 });
      const logAfter = await revisions('search');
      expect(logAfter).toHaveLength(logBefore.length + 1);
      expect(logAfter[0]).toMatchObject({
        entityType: 'flagConfig',
        action: 'update',
        environment: 'development',
      });
    });

    it('answers a stale expectedVersion with CONFLICT and the current version, writing nothing', async () => {
      const envBefore = await environmentVersions();
      const logBefore = await revisions('search');
      const res = await updateConfig(
        'development',
        'search',
        { enabled: false, fallthrough: { variation: 'on' } },
        1,
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        currentVersion: 2,
        expectedVersion: 1,
      });
      expect(await environmentVersions()).toEqual(envBefore);
      expect(await revisions('search')).toHaveLength(logBefore.length);
      expect(await config('search', 'development')).toMatchObject({ version: 2, enabled: true });
    });

    it('lists every invalid clause, rollout and variation with its path into the input, writing nothing', async () => {
      const envBefore = await environmentVersions();
      const res = await updateConfig(
        'development',
        'search',
        {
          enabled: true,
          offVariation: 'of',
          targets: [{ variation: 'maybe', values: ['alice'] }],
          rules: [
            {
              id: 'r1',
              clauses: [
                { attribute: 'email', op: 'matches', values: ['(unclosed'] },
                { op: 'segmentMatch', values: ['no-such-segment'] },
              ],
              serve: {
                rollout: {
                  weights: [
                    { variation: 'on', weight: 60_000 },
                    { variation: 'off', weight: 30_000 },
                  ],
                },
              },
            },
          ],
          fallthrough: { variation: 'nope' },
        },
        2,
      );
      const problems = res.errors?.[0]?.extensions?.problems as { path: string; code: string }[];
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(
        expect.arrayContaining([
          '/offVariation UNKNOWN_VARIATION',
          '/targets/0/variation UNKNOWN_VARIATION',
          '/rules/0/clauses/0/values/0 INVALID_REGEX',
          '/rules/0/clauses/1/values/0 UNKNOWN_SEGMENT',
          '/rules/0/serve/rollout/weights WEIGHTS_SUM',
          '/fallthrough/variation UNKNOWN_VARIATION',
        ]),
      );
      expect(await environmentVersions()).toEqual(envBefore);
    });

    it('accepts a segmentMatch of a segment of the project', async () => {
      const project = await api.server.storage.dataSource.query(
        `SELECT id FROM projects WHERE key = 'default'`,
      );
      await api.server.storage.dataSource.query(
        `INSERT INTO segments (id, project_id, key, name) VALUES (gen_random_uuid(), $1, 'beta-testers', 'Beta testers')`,
        [project[0].id],
      );
      const res = await updateConfig(
        'development',
        'search',
        {
          enabled: true,
          offVariation: 'off',
          rules: [
            {
              id: 'beta',
              clauses: [{ op: 'segmentMatch', values: ['beta-testers'] }],
              serve: { variation: 'on' },
            },
          ],
          fallthrough: rollout(25_000),
        },
        2,
      );
      expect(data(res).updateFlagConfig).toMatchObject({
        version: 3,
        rules: [
          {
            id: 'beta',
            clauses: [{ attribute: '', op: 'segmentMatch', values: ['beta-testers'], negate: false }],
          },
        ],
      });
    });

    it('refuses a prerequisite cycle, a missing prerequisite flag and an unknown prerequisite variation', async () => {
      data(await createFlag({ key: 'payments', name: 'Payments', kind: 'BOOLEAN' }));
      data(
        await updateConfig(
          'staging',
          'payments',
          {
            enabled: true,
            offVariation: 'off',
            fallthrough: { variation: 'on' },
            prerequisites: [{ flag: 'search', variation: 'on' }],
          },
          1,
        ),
      );
      const cycle = await updateConfig(
        'staging',
        'search',
        {
          enabled: true,
          offVariation: 'off',
          fallthrough: { variation: 'on' },
          prerequisites: [{ flag: 'payments', variation: 'on' }],
        },
        1,
      );
      expect(cycle.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [expect.objectContaining({ path: '/prerequisites/0', code: 'PREREQUISITE_CYCLE' })],
      });
      const missing = await updateConfig(
        'staging',
        'search',
        {
          enabled: true,
          fallthrough: { variation: 'on' },
          prerequisites: [{ flag: 'ghost', variation: 'on' }],
        },
        1,
      );
      expect(missing.errors?.[0]?.extensions?.problems).toEqual([
        expect.objectContaining({ path: '/prerequisites/0', code: 'UNKNOWN_PREREQUISITE' }),
      ]);
      const variation = await updateConfig(
        'staging',
        'search',
        {
          enabled: true,
          fallthrough: { variation: 'on' },
          prerequisites: [{ flag: 'banner', variation: 'maybe' }],
        },
        1,
      );
      expect(variation.errors?.[0]?.extensions?.problems).toEqual([
        expect.objectContaining({ path: '/prerequisites/0', code: 'UNKNOWN_VARIATION' }),
      ]);
    });

    it('turns a flag on with setFlagEnabled', async () => {
      const res = await api.gql<{ setFlagEnabled: Config }>(
        'mutation { setFlagEnabled(project: "default", environment: "staging", flag: "search", enabled: true, expectedVersion: 1) { version enabled } }',
      );
      expect(data(res).setFlagEnabled).toEqual({ version: 2, enabled: true });
    });

    it('changes nothing when an edit changes nothing', async () => {
      const envBefore = await environmentVersions();
      const res = await api.gql<{ setFlagEnabled: Config }>(
        'mutation { setFlagEnabled(project: "default", environment: "staging", flag: "search", enabled: true, expectedVersion: 2) { version enabled } }',
      );
      expect(data(res).setFlagEnabled).toEqual({ version: 2, enabled: true });
      expect(await environmentVersions()).toEqual(envBefore);
    });

    it('reads an environment created after the flag as the default configuration at version 0, stored by the first edit', async () => {
      data(
        await api.gql(
          'mutation { createEnvironment(project: "default", input: { key: "qa", name: "QA" }) { key } }',
        ),
      );
      expect(await config('search', 'qa')).toMatchObject({
        version: 0,
        enabled: false,
        offVariation: 'off',
        fallthrough: { variation: 'on' },
      });
      const res = await api.gql<{ setFlagEnabled: Config }>(
        'mutation { setFlagEnabled(project: "default", environment: "qa", flag: "search", enabled: true, expectedVersion: 0) { version enabled } }',
      );
      expect(data(res).setFlagEnabled).toEqual({ version: 1, enabled: true });
      const log = await revisions('search');
      expect(log[0]).toMatchObject({ action: 'update', environment: 'qa' });
    });
  });

  describe('changing the definition', () => {
    beforeAll(async () => {
      data(
        await createFlag({
          key: 'theme',
          name: 'Theme',
          kind: 'STRING',
          variations: [
            { key: 'light', value: 'light' },
            { key: 'dark', value: 'dark' },
            { key: 'contrast', value: 'contrast' },
          ],
          offVariation: 'light',
        }),
      );
      data(
        await updateConfig(
          'development',
          'theme',
          {
            enabled: true,
            offVariation: 'light',
            targets: [{ variation: 'contrast', values: ['ann'] }],
            fallthrough: { variation: 'dark' },
          },
          1,
        ),
      );
    });

    const updateFlag = (input: Record<string, unknown>, v: number) =>
      api.gql<{ updateFlag: Flag }>(
        'mutation($input: UpdateFlagInput!, $v: Int!) { updateFlag(project: "default", flag: "theme", input: $input, expectedVersion: $v) { version name tags variations { key value } } }',
        { input, v },
      );

    it('refuses to remove a variation an environment still serves, naming where', async () => {
      const res = await updateFlag(
        {
          variations: [
            { key: 'light', value: 'light' },
            { key: 'dark', value: 'dark' },
          ],
        },
        1,
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [
          {
            path: '/variations',
            code: 'VARIATION_IN_USE',
            message: expect.stringContaining('development at /targets/0/variation'),
          },
        ],
      });
    });

    it('refuses to remove a variation another flag needs as a prerequisite', async () => {
      data(await createFlag({ key: 'dark-charts', name: 'Dark charts', kind: 'BOOLEAN' }));
      data(
        await updateConfig(
          'production',
          'dark-charts',
          {
            enabled: false,
            offVariation: 'off',
            fallthrough: { variation: 'on' },
            prerequisites: [{ flag: 'theme', variation: 'dark' }],
          },
          1,
          'charts follow the theme',
        ),
      );
      const res = await updateFlag(
        {
          variations: [
            { key: 'light', value: 'light' },
            { key: 'contrast', value: 'contrast' },
          ],
        },
        1,
      );
      const messages = (res.errors?.[0]?.extensions?.problems as { message: string }[]).map((p) => p.message);
      expect(messages).toEqual(
        expect.arrayContaining([
          expect.stringContaining('flag dark-charts needs it as a prerequisite in production'),
        ]),
      );
    });

    it('changes name, tags and variations, bumping the definition version and every environment', async () => {
      const before = await environmentVersions();
      const res = await updateFlag(
        {
          name: 'Colour theme',
          tags: ['UI'],
          variations: [
            { key: 'light', value: 'light' },
            { key: 'dark', value: 'dark' },
            { key: 'contrast', value: 'high-contrast' },
          ],
        },
        1,
      );
      expect(data(res).updateFlag).toMatchObject({ version: 2, name: 'Colour theme', tags: ['ui'] });
      const after = await environmentVersions();
      for (const env of Object.keys(before)) expect(after[env]).toBe(before[env]! + 1);
    });

    it('restores a definition revision as a new revision', async () => {
      const created = (await revisions('theme')).find(
        (r) => r.entityType === 'flag' && r.action === 'create',
      )!;
      const res = await api.gql<{ restoreFlagRevision: Flag }>(
        'mutation($r: ID!) { restoreFlagRevision(project: "default", revision: $r, expectedVersion: 2) { version name tags variations { key value } } }',
        { r: created.id },
      );
      expect(data(res).restoreFlagRevision).toMatchObject({
        version: 3,
        name: 'Theme',
        tags: [],
        variations: expect.arrayContaining([{ key: 'contrast', value: 'contrast' }]),
      });
      expect((await revisions('theme'))[0]).toMatchObject({ entityType: 'flag', action: 'restore' });
    });
  });

  describe('copying between environments', () => {
    beforeAll(async () => {
      data(await createFlag({ key: 'recommendations', name: 'Recommendations', kind: 'BOOLEAN' }));
      data(
        await updateConfig(
          'staging',
          'recommendations',
          {
            enabled: true,
            offVariation: 'off',
            rules: [
              {
                id: 'staff',
                clauses: [{ attribute: 'email', op: 'endsWith', values: ['@example.com'] }],
                serve: { variation: 'on' },
              },
            ],
            fallthrough: rollout(10_000),
          },
          1,
        ),
      );
    });

    const preview = async () =>
      data(
        await api.gql<{
          flagConfigCopyPreview: {
            targetVersion: number;
            sourceVersion: number;
            diff: { path: string; op: string; before: unknown; after: unknown }[];
          };
        }>(
          '{ flagConfigCopyPreview(project: "default", flag: "recommendations", from: "staging", to: "production") { targetVersion sourceVersion diff { path op before after } } }',
        ),
      ).flagConfigCopyPreview;

    const copy = (v: number, reason: string | null, token?: string) =>
      api.gql<{ copyFlagConfig: Config }>(
        'mutation($v: Int!, $reason: String) { copyFlagConfig(project: "default", flag: "recommendations", from: "staging", to: "production", expectedVersion: $v, reason: $reason) { environment version enabled rolloutShare rules { id } } }',
        { v, reason },
        token,
      );

    it('previews the change of production as a diff with the version to expect', async () => {
      const p = await preview();
      expect(p.targetVersion).toBe(1);
      expect(p.sourceVersion).toBe(2);
      expect(p.diff).toEqual(
        expect.arrayContaining([
          { path: '/enabled', op: 'replace', before: false, after: true },
          expect.objectContaining({ path: '/rules/0', op: 'add' }),
          expect.objectContaining({ path: '/fallthrough/variation', op: 'remove', before: 'on' }),
          expect.objectContaining({ path: '/fallthrough/rollout', op: 'add' }),
        ]),
      );
    });

    it('needs the owner role and a reason to copy into protected production', async () => {
      const editor = await api.adminToken('editor', 'default');
      expect((await copy(1, 'release', editor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const owner = await api.adminToken('owner', 'default');
      expect((await copy(1, null, owner)).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/reason', code: 'REQUIRED' }],
      });
      expect(await config('recommendations', 'production')).toMatchObject({ version: 1, enabled: false });
    });

    it("makes production's configuration staging's and records a copy", async () => {
      const owner = await api.adminToken('owner', 'default');
      const res = await copy(1, 'ship it', owner);
      expect(data(res).copyFlagConfig).toEqual({
        environment: 'production',
        version: 2,
        enabled: true,
        rolloutShare: 10,
        rules: [{ id: 'staff' }],
      });
      expect((await preview()).diff).toEqual([]);
      expect((await revisions('recommendations'))[0]).toMatchObject({
        entityType: 'flagConfig',
        action: 'copy',
        environment: 'production',
      });
    });

    it('judges a copy against the flags of the target environment', async () => {
      data(await createFlag({ key: 'left', name: 'Left', kind: 'BOOLEAN' }));
      data(await createFlag({ key: 'right', name: 'Right', kind: 'BOOLEAN' }));
      const needs = (other: string) => ({
        enabled: true,
        offVariation: 'off',
        fallthrough: { variation: 'on' },
        prerequisites: [{ flag: other, variation: 'on' }],
      });
      data(await updateConfig('development', 'left', needs('right'), 1));
      data(await updateConfig('staging', 'right', needs('left'), 1));
      const res = await api.gql(
        'mutation { copyFlagConfig(project: "default", flag: "left", from: "development", to: "staging", expectedVersion: 1) { version } }',
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [expect.objectContaining({ path: '/prerequisites/0', code: 'PREREQUISITE_CYCLE' })],
      });
    });
  });

  describe('restoring a configuration', () => {
    it('puts back what a revision recorded as a new revision, at the next version', async () => {
      data(await createFlag({ key: 'onboarding', name: 'Onboarding', kind: 'BOOLEAN' }));
      data(
        await updateConfig(
          'development',
          'onboarding',
          { enabled: true, offVariation: 'off', fallthrough: rollout(5_000) },
          1,
        ),
      );
      data(
        await updateConfig(
          'development',
          'onboarding',
          { enabled: true, offVariation: 'off', fallthrough: rollout(50_000) },
          2,
        ),
      );
      const ramp = (await revisions('onboarding')).find(
        (r) =>
          (r.after as { fallthrough?: { rollout?: { weights: { weight: number }[] } } } | null)?.fallthrough
            ?.rollout?.weights[0]?.weight === 5_000,
      )!;
      const stale = await api.gql(
        'mutation($r: ID!) { restoreFlagRevision(project: "default", revision: $r, expectedVersion: 2) { key } }',
        { r: ramp.id },
      );
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
      data(
        await api.gql(
          'mutation($r: ID!) { restoreFlagRevision(project: "default", revision: $r, expectedVersion: 3, reason: "too fast") { key } }',
          { r: ramp.id },
        ),
      );
      expect(await config('onboarding', 'development')).toMatchObject({ version: 4, rolloutShare: 5 });
      expect((await revisions('onboarding'))[0]).toMatchObject({
        entityType: 'flagConfig',
        action: 'restore',
        environment: 'development',
      });
    });

    it('refuses a revision that is not of a flag', async () => {
      const res = await api.gql<{ revisions: { nodes: { id: string }[] } }>(
        '{ revisions(project: "default", entityType: "environment", first: 1) { nodes { id } } }',
      );
      const id = data(res).revisions.nodes[0]!.id;
      const restore = await api.gql(
        'mutation($r: ID!) { restoreFlagRevision(project: "default", revision: $r, expectedVersion: 1) { key } }',
        { r: id },
      );
      expect(restore.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/revision', code: 'NOT_A_FLAG_REVISION' }],
      });
    });
  });

  describe('archiving', () => {
    it('refuses to archive a prerequisite of an active flag, naming the flag and environments', async () => {
      const res = await api.gql('mutation { archiveFlag(project: "default", flag: "theme") { archived } }');
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [
          {
            code: 'PREREQUISITE_IN_USE',
            message: expect.stringContaining('flag dark-charts has theme as a prerequisite in production'),
          },
        ],
      });
    });

    it('archives and unarchives a flag, keeping its key taken', async () => {
      const res = await api.gql<{ archiveFlag: { archived: boolean; version: number } }>(
        'mutation { archiveFlag(project: "default", flag: "banner", expectedVersion: 1) { archived version } }',
      );
      expect(data(res).archiveFlag).toEqual({ archived: true, version: 2 });
      expect(
        (await createFlag({ key: 'banner', name: 'Banner', kind: 'BOOLEAN' })).errors?.[0]?.extensions?.code,
      ).toBe('CONFLICT');
      const edit = await updateConfig(
        'development',
        'banner',
        { enabled: true, fallthrough: { variation: 'sale' } },
        1,
      );
      expect(edit.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ code: 'FLAG_ARCHIVED' }],
      });
      const back = await api.gql<{ unarchiveFlag: { archived: boolean } }>(
        'mutation { unarchiveFlag(project: "default", flag: "banner") { archived } }',
      );
      expect(data(back).unarchiveFlag).toEqual({ archived: false });
      data(await api.gql('mutation { archiveFlag(project: "default", flag: "banner") { archived } }'));
    });

    it('names an archived prerequisite as archived', async () => {
      const res = await updateConfig(
        'development',
        'onboarding',
        {
          enabled: true,
          fallthrough: { variation: 'on' },
          prerequisites: [{ flag: 'banner', variation: 'sale' }],
        },
        4,
      );
      expect(res.errors?.[0]?.extensions?.problems).toEqual([
        expect.objectContaining({
          path: '/prerequisites/0',
          message: 'prerequisite flag banner is archived',
        }),
      ]);
    });
  });

  describe('listing', () => {
    type Page = {
      flags: { nodes: { key: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    const list = async (args: string, variables: Record<string, unknown> = {}) =>
      data(
        await api.gql<Page>(
          `query($after: String, $tags: [String!], $search: String) { flags(project: "default", after: $after, tags: $tags, search: $search, ${args}) { nodes { key } pageInfo { hasNextPage endCursor } } }`,
          variables,
        ),
      ).flags;
    const keys = (page: Page['flags']) => page.nodes.map((n) => n.key);

    beforeAll(async () => {
      for (const key of ['list.a', 'list.b', 'list.c', 'list_d', 'listXe']) {
        data(
          await createFlag({
            key,
            name: `Listed ${key.toUpperCase()}`,
            kind: 'BOOLEAN',
            tags: key === 'list.b' ? ['Mobile', 'web'] : ['web'],
            temporary: key !== 'list.c',
          }),
        );
      }
    });

    it('pages through flags in key order', async () => {
      const first = await list('first: 2', { search: 'list' });
      expect(keys(first)).toEqual(['list.a', 'list.b']);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = await list('first: 2', { search: 'list', after: first.pageInfo.endCursor });
      expect(keys(second)).toEqual(['list.c', 'listXe']);
      const third = await list('first: 2', { search: 'list', after: second.pageInfo.endCursor });
      expect(keys(third)).toEqual(['list_d']);
      expect(third.pageInfo.hasNextPage).toBe(false);
    });

    it('searches key and name case-insensitively, taking % and _ literally', async () => {
      expect(keys(await list('first: 50', { search: 'LIST_' }))).toEqual(['list_d']);
      expect(keys(await list('first: 50', { search: 'listed list.B' }))).toEqual(['list.b']);
      expect(keys(await list('first: 50', { search: '%' }))).toEqual([]);
    });

    it('filters by every given tag, case-insensitively', async () => {
      expect(keys(await list('first: 50', { tags: ['WEB', 'mobile'] }))).toEqual(['list.b']);
    });

    it('filters by temporary and by archived, hiding archived flags by default', async () => {
      expect(keys(await list('first: 50, temporary: false', { search: 'list' }))).toEqual(['list.c']);
      expect(keys(await list('first: 50', { search: 'banner' }))).toEqual([]);
      expect(keys(await list('first: 50, archived: true'))).toEqual(['banner']);
      expect(keys(await list('first: 50, archived: null', { search: 'banner' }))).toEqual(['banner']);
    });

    it('finds flags whose definition and configurations have not changed in N days', async () => {
      const db = api.server.storage.dataSource;
      await db.query(
        `UPDATE flags SET updated_at = now() - interval '40 days' WHERE key IN ('list.a', 'list.b')`,
      );
      await db.query(
        `UPDATE flag_configs SET updated_at = now() - interval '40 days' WHERE flag_id IN (SELECT id FROM flags WHERE key IN ('list.a', 'list.b'))`,
      );
      // list.b changed in staging today, so it is not stale.
      await db.query(
        `UPDATE flag_configs SET updated_at = now()
          WHERE flag_id = (SELECT id FROM flags WHERE key = 'list.b')
            AND environment_id = (SELECT e.id FROM environments e JOIN projects p ON p.id = e.project_id
                                   WHERE p.key = 'default' AND e.key = 'staging')`,
      );
      expect(keys(await list('first: 50, staleDays: 30'))).toEqual(['list.a']);
    });

    it('refuses a cursor of another list', async () => {
      const res = await api.gql('{ flags(project: "default", after: "bm9wZQ") { nodes { key } } }');
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        problems: [{ path: '/after' }],
      });
    });

    it('loads the configurations of a whole page in as many queries as of one flag', async () => {
      const db = api.server.storage.dataSource;
      const runner = db.createQueryRunner();
      const prototype = Object.getPrototypeOf(runner) as { query: (...args: unknown[]) => unknown };
      await runner.release();
      const spy = jest.spyOn(prototype, 'query');
      const count = async (first: number) => {
        spy.mockClear();
        const res = await api.gql<Page>(
          `{ flags(project: "default", first: ${first}) { nodes { key configs { environment version rolloutShare } } } }`,
        );
        expect(data(res).flags.nodes).toHaveLength(first);
        return spy.mock.calls.length;
      };
      try {
        const one = await count(1);
        expect(one).toBeGreaterThan(0);
        expect(await count(10)).toBe(one);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
