import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';

type Schema = { properties?: Record<string, unknown>; required?: string[]; $ref?: string };
type Document = {
  openapi: string;
  paths: Record<
    string,
    { post?: { requestBody: { content: { 'application/json': { schema: Schema } } }; security: unknown[] } }
  >;
  components: { schemas: Record<string, Schema> };
};

/** A valid body of every hook, for checking the document against what the hooks accept. */
const VALID: Record<string, Record<string, unknown>> = {
  '/hooks/v1/artifacts': {
    application: 'doc',
    version: '1.0.0',
    commit: 'abcdef1',
    imageDigest: `sha256:${'b'.repeat(64)}`,
    buildUrl: 'https://ci.example.com/1',
  },
  '/hooks/v1/releases': { application: 'doc', version: '1.0.0', stage: 'alpha', notes: 'n' },
  '/hooks/v1/releases/promote': { application: 'doc', version: '1.0.0', stage: 'beta', notes: 'n' },
  '/hooks/v1/deployments': {
    application: 'doc',
    version: '1.0.0',
    environment: 'staging',
    strategy: { type: 'blue-green' },
    pipelineRunUrl: 'https://ci.example.com/2',
  },
  '/hooks/v1/deployments/status': {
    status: 'failed',
    deploymentId: '00000000-0000-4000-8000-000000000000',
    details: {},
  },
  '/hooks/v1/health': {
    application: 'doc',
    environment: 'staging',
    status: 'ok',
    source: 'probe',
    details: {},
  },
};

describe('the OpenAPI document at /api/docs', () => {
  let api: AdminApi;
  let hooks: PipelineHooks;
  let document: Document;

  beforeAll(async () => {
    api = await startAdminApi();
    hooks = await pipelineHooks(api);
    const response = await fetch(`${api.url}/api/docs`);
    expect(response.status).toBe(200);
    document = (await response.json()) as Document;
  });
  afterAll(() => api?.close());

  const bodySchema = (path: string): Schema => {
    const ref = document.paths[path]!.post!.requestBody.content['application/json'].schema.$ref!;
    return document.components.schemas[ref.split('/').at(-1)!]!;
  };

  it('is a valid OpenAPI 3 document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('lists every hook, and nothing but the hooks, each behind the pipeline token', () => {
    expect(Object.keys(document.paths).sort()).toEqual(Object.keys(VALID).sort());
    for (const path of Object.keys(VALID)) {
      expect(document.paths[path]!.post!.security).toEqual([{ pipelineToken: [] }]);
    }
  });

  it('is also served as /api/docs/openapi.json', async () => {
    expect(await (await fetch(`${api.url}/api/docs/openapi.json`)).json()).toEqual(document);
  });

  it('describes exactly the fields each hook reads, and marks required exactly those it requires', async () => {
    await hooks.post('/hooks/v1/artifacts', VALID['/hooks/v1/artifacts']);
    for (const [path, valid] of Object.entries(VALID)) {
      const schema = bodySchema(path);
      const fields = Object.keys(schema.properties ?? {});
      // Every field of the document is one the hook knows (null counts as absent).
      const allNull = await hooks.post(path, Object.fromEntries(fields.map((f) => [f, null])));
      const unknown = (allNull.body.problems ?? []).filter(
        (p: { code: string }) => p.code === 'UNKNOWN_FIELD',
      );
      expect([path, unknown]).toEqual([path, []]);
      // And each one is refused as missing exactly when the document says it is required.
      for (const field of fields) {
        const without = { ...valid };
        delete without[field];
        const res = await hooks.post(path, without);
        const missing = (res.body?.problems ?? []).some(
          (p: { path: string; code: string }) => p.path === `/${field}` && p.code === 'REQUIRED',
        );
        expect([path, field, missing]).toEqual([path, field, (schema.required ?? []).includes(field)]);
      }
    }
  });
});
