import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { startAdminApi, type AdminApi } from '../support/admin-api.js';

/** The README's GraphQL session, run as written, so the first thing people copy works. */
describe('the README’s GraphQL session', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  it('creates a flag, ramps it to 10 % in staging and explains an evaluation', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(3);
    const answers = [];
    for (const query of blocks) {
      const res = await api.gql<Record<string, unknown>>(query);
      expect(res.errors).toBeUndefined();
      answers.push(res.data);
    }
    expect(answers[1]).toEqual({ updateFlagConfig: { version: 2, rolloutShare: 10 } });
    expect(answers[2]).toMatchObject({
      evaluateFlag: { reason: 'SPLIT', explanation: { step: 'fallthrough' } },
      revisions: {
        nodes: [
          { entityType: 'flagConfig', action: 'update', reason: 'start the ramp' },
          { action: 'create' },
          { action: 'create' },
        ],
      },
    });
  });
});
