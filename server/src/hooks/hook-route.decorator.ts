import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { HookErrorResponse } from './dto/hook-responses.js';

/** The name of the pipeline-token security scheme in the OpenAPI document. */
export const PIPELINE_TOKEN_AUTH = 'pipelineToken';

const ERRORS: Readonly<Record<number, string>> = {
  400: 'BAD_USER_INPUT (with `problems`, each with the path of a field), or BAD_REQUEST for a body that is not JSON.',
  401: 'UNAUTHENTICATED: no valid pipeline token. INVALID_SIGNATURE: the token requires a signature and this one is missing, malformed, stale, forged or replayed.',
  409: 'IDEMPOTENCY_IN_PROGRESS: a request with this Idempotency-Key is still running; retry shortly.',
  413: 'PAYLOAD_TOO_LARGE: the body is over 256 KiB.',
  422: 'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used for another request.',
};

export interface HookRouteSpec {
  readonly summary: string;
  readonly description: string;
  readonly body: Type<unknown>;
  /** The successful answers: status, body type and when. */
  readonly answers: readonly { status: 200 | 201; type: Type<unknown>; description: string }[];
  /** Route-specific refusals (404s say what is missing), added to those every hook has (400, 401, 409, 413, 422). */
  readonly refusals?: Readonly<Record<number, string>>;
}

/** The OpenAPI description of a hook route: its body, answers, and the auth and headers every hook takes. */
export function HookRoute(spec: HookRouteSpec): MethodDecorator {
  const refusals: Record<number, string> = { ...ERRORS };
  for (const [status, why] of Object.entries(spec.refusals ?? {})) {
    refusals[Number(status)] = status in ERRORS ? `${why} ${ERRORS[Number(status)]}` : why;
  }
  return applyDecorators(
    ApiOperation({ summary: spec.summary, description: spec.description }),
    ApiBearerAuth(PIPELINE_TOKEN_AUTH),
    ApiHeader({
      name: 'X-Flagstaff-Signature',
      required: false,
      description:
        'Required for tokens made with requireSignature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the signing secret>. Within 5 minutes of the server clock; each signature is accepted once.',
    }),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        '1 to 255 printable ASCII characters. A retry with the same key and body gets the first successful answer again (with Idempotent-Replayed: true); keys last 24 hours.',
    }),
    ApiBody({ type: spec.body }),
    ...spec.answers.map((a) => ApiResponse({ status: a.status, type: a.type, description: a.description })),
    ...Object.entries(refusals).map(([status, description]) =>
      ApiResponse({ status: Number(status), type: HookErrorResponse, description }),
    ),
  );
}
