import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { schemaText } from './schema-text.js';

describe('server/schema.graphql', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  it('is the schema the server serves (run `npm run schema` after changing resolvers)', async () => {
    const checkedIn = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(schemaText(api.server.app)).toBe(checkedIn);
  });
});
