import { SDK_CORS_HEADERS } from '../delivery/sdk-cors.js';

/**
 * What answers to client keys carry (browsers' OFREP providers post JSON with a key in a header,
 * and read the bulk ETag): the delivery's CORS headers.
 */
export const OFREP_CORS_HEADERS = SDK_CORS_HEADERS;

/** The answer to a preflight: POST with a JSON body, the key in either header, and If-None-Match. */
export const OFREP_PREFLIGHT_HEADERS = {
  ...SDK_CORS_HEADERS,
  'access-control-allow-headers': 'Authorization, Content-Type, If-None-Match, X-API-Key',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '86400',
} as const;
