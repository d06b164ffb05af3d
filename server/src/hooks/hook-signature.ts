import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-flagstaff-signature';
/** How far a signature's timestamp may be from the server's clock, either way. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const MAX_HEADER_LENGTH = 1024;

/**
 * The v1 signature of a hook request: hex HMAC-SHA256, keyed with the signing secret (its UTF-8
 * text, `fsh_…` included), of "<timestamp>.<raw body>".
 */
export function hookSignature(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

export type SignatureCheck =
  | { readonly valid: true; readonly timestamp: number; readonly signature: string }
  | { readonly valid: false; readonly problem: string };

/**
 * Checks an X-Flagstaff-Signature header against the raw body: its timestamp within the
 * tolerance of `nowSeconds`, and one of its v1 values the body's HMAC (compared in constant
 * time). Unknown parts are ignored, so a later scheme can be sent beside v1.
 */
export function checkSignature(
  secret: string,
  header: string | undefined,
  body: Buffer,
  nowSeconds: number,
): SignatureCheck {
  if (header === undefined || header.trim() === '') {
    return { valid: false, problem: 'this token requires signed requests; X-Flagstaff-Signature is missing' };
  }
  const malformed = {
    valid: false,
    problem: 'X-Flagstaff-Signature is not t=<unix seconds>,v1=<64 hex characters>',
  } as const;
  if (header.length > MAX_HEADER_LENGTH) return malformed;
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (at < 0) return malformed;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (name === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return malformed;
      timestamp = Number(value);
    } else if (name === 'v1') {
      if (!/^[0-9a-fA-F]{64}$/.test(value)) return malformed;
      signatures.push(value.toLowerCase());
    }
  }
  if (timestamp === undefined || signatures.length === 0) return malformed;
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      valid: false,
      problem: `the signature's timestamp ${timestamp} is more than ${SIGNATURE_TOLERANCE_SECONDS} s from the server's clock (${nowSeconds})`,
    };
  }
  const expected = Buffer.from(hookSignature(secret, timestamp, body), 'hex');
  const signature = signatures.find((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
  if (signature === undefined)
    return { valid: false, problem: 'the signature does not match the request body' };
  return { valid: true, timestamp, signature };
}
