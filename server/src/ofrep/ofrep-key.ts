import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SdkKey, SdkKeyAuthenticator } from '../delivery/sdk-key-authenticator.js';
import { sdkKeyCredential, type SdkKeyCredential } from '../delivery/sdk-key-credential.js';
import { headerValue } from '../delivery/sdk-request.js';
import { OFREP_CORS_HEADERS } from './ofrep-cors.js';

/**
 * The SDK key of an OFREP request, from either scheme the specification names:
 * `Authorization: Bearer <key>` or `X-API-Key: <key>` (Authorization wins when both are sent).
 * Never from the URL. Client keys' answers, and every 401, carry CORS headers.
 */
export async function authenticateOfrepRequest(
  keys: SdkKeyAuthenticator,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SdkKey> {
  try {
    const key = await keys.authenticate(ofrepCredential(request));
    if (key.kind === 'client') void reply.headers(OFREP_CORS_HEADERS);
    return key;
  } catch (error) {
    void reply.headers(OFREP_CORS_HEADERS);
    throw error;
  }
}

function ofrepCredential(request: FastifyRequest): SdkKeyCredential | undefined {
  const authorization = headerValue(request.headers.authorization);
  if (authorization !== undefined) return sdkKeyCredential(authorization, undefined);
  const apiKey = headerValue(request.headers['x-api-key'])?.trim();
  // The same key as a bearer token would carry, checked by the same rules.
  return apiKey ? sdkKeyCredential(`Bearer ${apiKey}`, undefined) : undefined;
}
