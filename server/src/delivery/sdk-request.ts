import type { FastifyReply, FastifyRequest } from 'fastify';
import { SDK_CORS_HEADERS } from './sdk-cors.js';
import type { SdkKey, SdkKeyAuthenticator } from './sdk-key-authenticator.js';
import { sdkKeyCredential } from './sdk-key-credential.js';

/**
 * The SDK key of a request. Client keys' answers get CORS headers; so does the 401, which is
 * thrown on (InvalidSdkKeyError) for the HTTP error filter to answer.
 */
export async function authenticateSdkRequest(
  keys: SdkKeyAuthenticator,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SdkKey> {
  const query = request.query as Record<string, unknown> | undefined;
  try {
    const key = await keys.authenticate(sdkKeyCredential(request.headers.authorization, query?.key));
    if (key.kind === 'client') void reply.headers(SDK_CORS_HEADERS);
    return key;
  } catch (error) {
    void reply.headers(SDK_CORS_HEADERS);
    throw error;
  }
}

/** A request header that may arrive repeated, as one value (the first). */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
