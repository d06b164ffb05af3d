import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { OFREP_CORS_HEADERS } from './ofrep-cors.js';

/**
 * Fastify's own refusals of an OFREP request body (not JSON, too large, unknown content type),
 * answered in OFREP's error shape, so a provider reads a PARSE_ERROR instead of an unexpected
 * response: `{key, errorCode, errorDetails}` (the bulk shape has no key). They come before any
 * key is read, and say nothing about one, so they carry the CORS headers pages need to read them.
 * Anything else is left to the server's error handler.
 */
export function ofrepBodyError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) throw error;
  const key = (request.params as { key?: string } | undefined)?.key;
  void reply
    .code(status === 413 ? 413 : 400)
    .headers(OFREP_CORS_HEADERS)
    .send({
      ...(key === undefined ? {} : { key }),
      errorCode: status === 413 ? 'GENERAL' : 'PARSE_ERROR',
      errorDetails: error.message,
    });
}
