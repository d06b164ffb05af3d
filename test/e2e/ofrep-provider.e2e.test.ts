import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { OpenFeature, type Client } from '@openfeature/server-sdk';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { ServerProcess } from '../support/server-process.js';

/** The OpenFeature OFREP provider, unchanged, against a real server process. */
describe('the OpenFeature OFREP provider', () => {
  let server: ServerProcess;
  let client: Client;

  async function gql(token: string, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data!;
  }

  beforeAll(async () => {
    server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await freshDataDir() });
    const owner = /Owner token: {2}(fsa_[A-Za-z0-9_-]+)/.exec(server.stdout)![1]!;
    const create = `mutation($input: CreateFlagInput!) { createFlag(project: "default", input: $input) { key } }`;
    const configure = `mutation($flag: String!, $input: FlagConfigInput!) {
      updateFlagConfig(project: "default", environment: "production", flag: $flag, expectedVersion: 1, input: $input, reason: "e2e") { version } }`;
    const flags: [Record<string, unknown>, Record<string, unknown>][] = [
      [
        { key: 'dark-mode', name: 'Dark mode', kind: 'BOOLEAN', metadata: { owner: 'web-team', ticket: 7 } },
        {
          enabled: true,
          offVariation: 'off',
          targets: [{ variation: 'on', values: ['vip'] }],
          fallthrough: { variation: 'off' },
        },
      ],
      [
        {
          key: 'greeting',
          name: 'Greeting',
          kind: 'STRING',
          variations: [
            { key: 'hello', value: 'Hello' },
            { key: 'hi', value: 'Hi' },
          ],
          offVariation: 'hello',
        },
        { enabled: true, offVariation: 'hello', fallthrough: { variation: 'hi' } },
      ],
      [
        {
          key: 'page-size',
          name: 'Page size',
          kind: 'NUMBER',
          variations: [
            { key: 'small', value: 10 },
            { key: 'large', value: 50 },
          ],
          offVariation: 'small',
        },
        {
          enabled: true,
          offVariation: 'small',
          fallthrough: {
            rollout: {
              weights: [
                { variation: 'small', weight: 50_000 },
                { variation: 'large', weight: 50_000 },
              ],
            },
          },
        },
      ],
      [
        {
          key: 'theme',
          name: 'Theme',
          kind: 'JSON',
          variations: [{ key: 'default', value: { accent: 'teal', radius: 4 } }],
          offVariation: 'default',
        },
        { enabled: true, offVariation: 'default', fallthrough: { variation: 'default' } },
      ],
      [
        { key: 'not-yet', name: 'Not yet', kind: 'BOOLEAN' },
        { enabled: false, offVariation: null, fallthrough: { variation: 'on' } },
      ],
    ];
    for (const [input, config] of flags) {
      await gql(owner, create, { input });
      await gql(owner, configure, { flag: input.key, input: config });
    }
    const key = await gql(
      owner,
      `mutation { createSdkKey(project: "default", environment: "production", input: { name: "ofrep", kind: SERVER }) { secret } }`,
    );
    const secret = (key.createSdkKey as { secret: string }).secret;
    await OpenFeature.setProviderAndWait(
      new OFREPProvider({ baseUrl: server.url, headers: { Authorization: `Bearer ${secret}` } }),
    );
    client = OpenFeature.getClient();
  });

  afterAll(async () => {
    await OpenFeature.close();
    expect((await server?.stop())?.code).toBe(0);
    await removeDataDirs();
  });

  it('resolves a boolean flag with its variant, reason and metadata', async () => {
    expect(await client.getBooleanDetails('dark-mode', false, { targetingKey: 'vip' })).toMatchObject({
      value: true,
      variant: 'on',
      reason: 'TARGETING_MATCH',
      flagMetadata: { owner: 'web-team', ticket: 7 },
    });
    expect(await client.getBooleanValue('dark-mode', true, { targetingKey: 'someone' })).toBe(false);
  });

  it('resolves string, number and object flags', async () => {
    expect(await client.getStringDetails('greeting', 'x', { targetingKey: 'u1' })).toMatchObject({
      value: 'Hi',
      reason: 'STATIC',
    });
    const sizes = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const detail = await client.getNumberDetails('page-size', 0, { targetingKey: `user-${i}` });
      expect(detail.reason).toBe('SPLIT');
      sizes.add(detail.value);
    }
    expect(sizes).toEqual(new Set([10, 50]));
    expect(await client.getObjectValue('theme', {}, { targetingKey: 'u1' })).toEqual({
      accent: 'teal',
      radius: 4,
    });
  });

  it('falls back to the code default with the error codes OFREP reports', async () => {
    expect(await client.getBooleanDetails('no-such-flag', true, { targetingKey: 'u1' })).toMatchObject({
      value: true,
      errorCode: 'FLAG_NOT_FOUND',
    });
    expect(await client.getNumberDetails('page-size', 3, {})).toMatchObject({
      value: 3,
      errorCode: 'TARGETING_KEY_MISSING',
    });
    expect(await client.getStringDetails('dark-mode', 'x', { targetingKey: 'u1' })).toMatchObject({
      value: 'x',
      errorCode: 'TYPE_MISMATCH',
    });
    // A disabled flag without an off variation answers without a value (OFREP's code default).
    expect(await client.getBooleanValue('not-yet', true, { targetingKey: 'u1' })).toBe(true);
  });
});
