import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startAdminApi, type AdminApi } from '../../../test/support/admin-api.js';
import { pipelineHooks, signBody, type PipelineHooks } from '../../../test/support/pipeline-hooks.js';

/** Tokens made with requireSignature: every hook call signed, fresh, and used once. */
describe('signed hook requests', () => {
  let api: AdminApi;
  let signed: PipelineHooks;
  let n = 0;
  const artifact = () => ({ application: 'signed', version: `1.0.${++n}` });
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    api = await startAdminApi();
    signed = await pipelineHooks(api, { requireSignature: true, name: 'signed ci' });
  });
  afterAll(() => api?.close());

  it('shows the signing secret once and keeps it sealed, not in plain text', async () => {
    expect(signed.signingSecret).toMatch(/^fsh_[A-Za-z0-9_-]{43}$/);
    const rows: { ciphertext: Buffer }[] = await api.server.storage.dataSource.query(
      'SELECT ciphertext FROM pipeline_signing_secrets',
    );
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.ciphertext).toString('latin1')).not.toContain(signed.signingSecret!.slice(4));
    const listed = await api.gql<{ tokens: { name: string; requiresSignature: boolean }[] }>(
      '{ tokens(project: "default", kind: PIPELINE) { name requiresSignature } }',
    );
    expect(listed.data!.tokens).toEqual([{ name: 'signed ci', requiresSignature: true }]);
  });

  it('accepts a request signed over its exact bytes', async () => {
    const raw = `{ "application": "signed",\n  "version": "0.9.0" }`;
    const res = await signed.post('/hooks/v1/artifacts', undefined, { raw });
    expect(res.status).toBe(201);
  });

  it('refuses a request without a signature, with INVALID_SIGNATURE, and writes nothing', async () => {
    const res = await signed.post('/hooks/v1/artifacts', artifact(), {
      headers: { 'x-flagstaff-signature': '' },
    });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      code: 'INVALID_SIGNATURE',
      message: expect.stringContaining('missing'),
    });
  });

  it('refuses a forged signature: another body, or another secret', async () => {
    const body = artifact();
    const otherBody = signBody(signed.signingSecret!, now(), JSON.stringify({ ...body, version: '9.9.9' }));
    const otherSecret = signBody('fsh_guess', now(), JSON.stringify(body));
    for (const signature of [otherBody, otherSecret]) {
      const res = await signed.post('/hooks/v1/artifacts', body, {
        headers: { 'x-flagstaff-signature': signature },
      });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        code: 'INVALID_SIGNATURE',
        message: 'the signature does not match the request body',
      });
    }
  });

  it('refuses a stale signature and one from too far in the future', async () => {
    for (const signedAt of [now() - 301, now() + 400]) {
      const res = await signed.post('/hooks/v1/artifacts', artifact(), { signedAt });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('INVALID_SIGNATURE');
    }
  });

  it('refuses a replayed signature, even on the same valid request', async () => {
    const body = JSON.stringify(artifact());
    const signature = signBody(signed.signingSecret!, now(), body);
    const send = () =>
      signed.post('/hooks/v1/artifacts', undefined, {
        raw: body,
        headers: { 'x-flagstaff-signature': signature },
      });
    expect((await send()).status).toBe(201);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({
      code: 'INVALID_SIGNATURE',
      message: expect.stringContaining('used before'),
    });
  });

  it('checks the token before the signature: a bad token is UNAUTHENTICATED whatever it carries', async () => {
    const res = await signed.post('/hooks/v1/artifacts', artifact(), { token: 'fsp_nope' });
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });

  it('lets a token without a signing secret call unsigned', async () => {
    const plain = await pipelineHooks(api, { name: 'plain ci' });
    expect((await plain.post('/hooks/v1/artifacts', artifact())).status).toBe(201);
  });
});
