import { createHash } from 'node:crypto';
import { headerValue } from '../delivery/sdk-request.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import type { HookRequest } from './hook-request.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';

const KEY = /^[\x20-\x7E]{1,255}$/;

/** A request's Idempotency-Key, checked (1 to 255 printable ASCII characters); undefined without one. */
export function idempotencyKeyOf(request: HookRequest): string | undefined {
  const key = headerValue(request.headers[IDEMPOTENCY_KEY_HEADER]);
  if (key === undefined) return undefined;
  if (!KEY.test(key) || key.trim() === '') {
    throw InvalidInputError.at(
      '/headers/idempotency-key',
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key is 1 to 255 printable ASCII characters',
    );
  }
  return key;
}

/** What makes a retry "the same request": its method, route and body, byte for byte. */
export function requestFingerprint(request: HookRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.routeOptions.url ?? request.url}\n`)
    .update(request.rawBody ?? Buffer.alloc(0))
    .digest('hex');
}
