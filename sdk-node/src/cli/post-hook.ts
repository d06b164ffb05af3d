import { setTimeout as sleep } from 'node:timers/promises';
import { Backoff } from '@flagstaff/sdk-core/client';
import { SDK_NODE_VERSION } from '../node-stream.js';
import type { HookCall } from './parse-invocation.js';
import { signatureHeader, SigningClock } from './signature-header.js';

/** One attempt's limit: a hook is one short transaction. */
const ATTEMPT_TIMEOUT_MS = 10_000;
/** The longest pause between attempts (before jitter). */
const MAX_DELAY_MS = 8_000;

export type HookOutcome =
  /** A 2xx answer. */
  | { readonly kind: 'answered'; readonly body: unknown }
  /** An answer that retrying would not change: 4xx, or a redirect. */
  | {
      readonly kind: 'refused';
      readonly status: number;
      readonly body: unknown;
      readonly location: string | null;
    }
  /** No answer but failures until the retry time ran out. */
  | { readonly kind: 'gave-up'; readonly attempts: number; readonly problem: string };

/**
 * POSTs a hook request, retrying network errors, timeouts, 5xx, 429 and IDEMPOTENCY_IN_PROGRESS
 * (an earlier attempt of ours still running) with full-jitter backoff until `retryForMs` has
 * passed. Every attempt carries the same Idempotency-Key, so the server carries the request out
 * once however many attempts reach it; each attempt is signed afresh.
 */
export async function postHook(call: HookCall): Promise<HookOutcome> {
  const url = new URL(`hooks/v1/${call.command.hook}`, call.server.baseUrl);
  const deadline = Date.now() + call.retryForMs;
  const backoff = new Backoff(Math.random, MAX_DELAY_MS);
  const clock = new SigningClock();
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    let retryAfterMs = 0;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: headers(call, clock),
        body: call.body,
        // A redirected POST would come back as a GET, and could carry the token elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      });
      const body = parseJson(await response.text());
      if (response.status >= 200 && response.status < 300) {
        return { kind: 'answered', body };
      }
      if (!retryable(response.status, body)) {
        return { kind: 'refused', status: response.status, body, location: response.headers.get('location') };
      }
      problem = `the server answered ${response.status}${describeError(body)}`;
      retryAfterMs = retryAfter(response.headers.get('retry-after'));
    } catch (error) {
      problem = networkProblem(error);
    }
    const delay = Math.max(backoff.next(), retryAfterMs);
    if (Date.now() + delay > deadline) return { kind: 'gave-up', attempts: attempt, problem };
    await sleep(delay);
  }
}

function headers(call: HookCall, clock: SigningClock): Record<string, string> {
  const { token, signingSecret } = call.server;
  return {
    accept: 'application/json',
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
    'idempotency-key': call.idempotencyKey,
    'user-agent': `flagstaff-cli/${SDK_NODE_VERSION}`,
    ...(signingSecret === undefined
      ? {}
      : { 'x-flagstaff-signature': signatureHeader(signingSecret, clock.next(), call.body) }),
  };
}

function retryable(status: number, body: unknown): boolean {
  return status >= 500 || status === 429 || (status === 409 && errorCode(body) === 'IDEMPOTENCY_IN_PROGRESS');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The `code` of a Flagstaff error body `{statusCode, code, message, requestId}`. */
function errorCode(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** ` CODE: message` of a Flagstaff error body, or nothing. */
export function describeError(body: unknown): string {
  const code = errorCode(body);
  if (code === undefined) return '';
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' ? ` ${code}: ${message}` : ` ${code}`;
}

/** Retry-After in seconds (a date form is rare enough to leave to the backoff). */
function retryAfter(value: string | null): number {
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : 0;
}

function networkProblem(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  }
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
