/**
 * Client keys may be used from any web page (they see only client-side data), so their answers
 * carry these. 401s carry them too: they say nothing about the key, and let a page's SDK tell a
 * bad key from a network failure.
 */
export const SDK_CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'Authorization, If-None-Match, Last-Event-ID',
  'access-control-expose-headers': 'ETag',
} as const;

/** The answer to a preflight `OPTIONS` (it carries no key, so it is the same for every caller). */
export const SDK_PREFLIGHT_HEADERS = {
  ...SDK_CORS_HEADERS,
  'access-control-allow-methods': 'GET, OPTIONS',
  'access-control-max-age': '86400',
} as const;
