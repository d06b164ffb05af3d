import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';

describe('GraphQL request errors', () => {
  let api: AdminApi;
  beforeAll(async () => {
    api = await startAdminApi();
  });
  afterAll(() => api?.close());

  const codes = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
    res.errors?.map((e) => e.extensions?.code);

  it('answers a query that does not parse with 400 GRAPHQL_PARSE_FAILED', async () => {
    const res = await api.gql('{ projects { key ');
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });

  it('answers an unknown field with 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const res = await api.gql('{ projects { key password } }');
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('answers a variable of the wrong type with 400 BAD_USER_INPUT naming it', async () => {
    const res = await api.gql('query($k: String!) { project(key: $k) { key } }', { k: 5 });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('$k');
  });

  it('refuses a query nested deeper than 15 levels', async () => {
    const nested = (depth: number): string => (depth === 0 ? 'name' : `ofType { ${nested(depth - 1)} }`);
    const deepest = `{ __type(name: "Project") { fields { type { ${nested(11)} } } } }`;
    expect(codes(await api.gql(deepest))).toBeUndefined();
    const tooDeep = `{ __type(name: "Project") { fields { type { ${nested(14)} } } } }`;
    const res = await api.gql(tooDeep);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a query whose pages multiply past the cost limit', async () => {
    const res = await api.gql(
      '{ flags(project: "default", first: 100) { nodes { key configs { rules { clauses { values } } } } } revisions(project: "default", first: 100) { nodes { diff { path } } } a: flags(project: "default", first: 100) { nodes { key } } b: revisions(project: "default", first: 100) { nodes { before after actor reason diff { path op before after } } } c: segments(project: "default", first: 100) { nodes { key keys(list: INCLUDED, first: 1000) { nodes } } } }',
    );
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors?.[0]?.message).toMatch(/too complex/);
  });

  it('lets the full introspection query through, as code generators need it', async () => {
    const res = await api.gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(res.errors).toBeUndefined();
  });

  it('answers a call without a token with UNAUTHENTICATED and no data', async () => {
    const res = await api.gql('{ projects { key } }', {}, null);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data).toBeNull();
  });
});
