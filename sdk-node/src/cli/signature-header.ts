import { createHmac } from 'node:crypto';

/**
 * The X-Flagstaff-Signature of a request body: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>">`, keyed with the signing secret's UTF-8 text (`fsh_…` included).
 */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * Signing times for the attempts of one request. The server accepts each signature once, and a
 * retry sends the same body: so each attempt is signed at a later second than the one before,
 * even when a retry follows within the same second.
 */
export class SigningClock {
  private last = 0;

  constructor(private readonly nowMs: () => number = Date.now) {}

  next(): number {
    this.last = Math.max(Math.floor(this.nowMs() / 1000), this.last + 1);
    return this.last;
  }
}
