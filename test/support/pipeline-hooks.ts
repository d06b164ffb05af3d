import { createHmac } from 'node:crypto';
import type { AdminApi } from './admin-api.js';

export interface HookAnswer {
  readonly status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers by hand
  readonly body: any;
  readonly headers: Headers;
}

export interface HookCallOptions {
  /** Extra headers (Idempotency-Key, a signature of the test's own). */
  readonly headers?: Record<string, string>;
  /** The body as sent, when it is not the JSON of `body` (bad JSON, other spacing). */
  readonly raw?: string;
  /** Sign with this unix time instead of now (for stale signatures). */
  readonly signedAt?: number;
  /** Another token, or null for none. */
  readonly token?: string | null;
}

/** A pipeline's view of the release hooks: one token, and its signing secret if it has one. */
export interface PipelineHooks {
  readonly token: string;
  readonly signingSecret: string | undefined;
  post(path: string, body: unknown, options?: HookCallOptions): Promise<HookAnswer>;
}

/**
 * The X-Flagstaff-Signature of a body, computed here from the documented algorithm (not with the
 * server's code): hex HMAC-SHA256 of "<t>.<body>", keyed with the signing secret.
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A new pipeline token of `project` through GraphQL, and a client for the hooks with it. */
export async function pipelineHooks(
  api: AdminApi,
  options: { project?: string; requireSignature?: boolean; name?: string } = {},
): Promise<PipelineHooks> {
  const res = await api.gql<{ createPipelineToken: { secret: string; signingSecret: string | null } }>(
    `mutation($p: String!, $name: String!, $sign: Boolean!) {
      createPipelineToken(project: $p, input: { name: $name, requireSignature: $sign }) { secret signingSecret } }`,
    { p: options.project ?? 'default', name: options.name ?? 'ci', sign: options.requireSignature ?? false },
  );
  if (!res.data) throw new Error(`createPipelineToken failed: ${JSON.stringify(res.errors)}`);
  const { secret, signingSecret } = res.data.createPipelineToken;
  return hooksClient(api.url, secret, signingSecret ?? undefined);
}

/** A client for the hooks of the server at `url`; signs every request when given a signing secret. */
export function hooksClient(url: string, token: string, signingSecret?: string): PipelineHooks {
  return {
    token,
    signingSecret,
    async post(path, body, options = {}) {
      const text = options.raw ?? JSON.stringify(body);
      const bearer = options.token === undefined ? token : options.token;
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      };
      if (signingSecret) {
        headers['x-flagstaff-signature'] = signBody(
          signingSecret,
          options.signedAt ?? Math.floor(Date.now() / 1000),
          text,
        );
      }
      Object.assign(headers, options.headers);
      const response = await fetch(`${url}${path}`, { method: 'POST', headers, body: text });
      const answer = await response.text();
      return {
        status: response.status,
        body: answer === '' ? undefined : JSON.parse(answer),
        headers: response.headers,
      };
    },
  };
}
