import { bearer } from '../auth/admin-authenticator.js';

/** The SDK key a request names, and where: keys in URLs end up in logs, so only client keys may. */
export interface SdkKeyCredential {
  readonly secret: string;
  readonly inQuery: boolean;
}

const SDK_KEY = /^fs[sc]_[A-Za-z0-9_-]{1,128}$/;
const CLIENT_KEY = /^fsc_[A-Za-z0-9_-]{1,128}$/;

/**
 * `Authorization: Bearer fss_…|fsc_…`, or, without an Authorization header, `?key=fsc_…` (browsers'
 * EventSource cannot set headers). Anything else is no credential at all.
 */
export function sdkKeyCredential(
  authorization: string | undefined,
  queryKey: unknown,
): SdkKeyCredential | undefined {
  if (authorization !== undefined) {
    const secret = bearer(authorization);
    return secret !== undefined && SDK_KEY.test(secret) ? { secret, inQuery: false } : undefined;
  }
  if (typeof queryKey === 'string' && CLIENT_KEY.test(queryKey)) return { secret: queryKey, inQuery: true };
  return undefined;
}
