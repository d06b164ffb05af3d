import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { buildSchema, parse, validate } from 'graphql';
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
    // The admin API section's session (other sections show GraphQL that needs more set-up).
    const section = readme.slice(
      readme.indexOf('## The admin API'),
      readme.indexOf('\n## ', readme.indexOf('## The admin API') + 1),
    );
    const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
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

  it('shows only GraphQL that the schema accepts, in every section', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const schema = buildSchema(
      await readFile(new URL('../../server/schema.graphql', import.meta.url), 'utf8'),
    );
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(validate(schema, parse(block)).map((e) => e.message)).toEqual([]);
  });
});
