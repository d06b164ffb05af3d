import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../errors/domain-error.js';
import type { Logger } from '../logging/logger.js';

export interface HttpErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
}

/**
 * The one place REST errors take their shape: `{statusCode, code, message, requestId}`. Client
 * mistakes keep their 4xx status and message; a DomainError keeps its code (and its details, such
 * as `problems`, as further fields); anything unexpected is logged and becomes a 500
 * that reveals nothing. GraphQL errors are left to the GraphQL layer.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    this.reply(exception, request, reply);
  }

  /**
   * Also Fastify's own error handler (see server.ts), for what fails before a route runs: bodies
   * that are not JSON, too large or of an unsupported type.
   */
  reply(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const body = this.describe(exception, request);
    void reply.status(body.statusCode).send(body);
  }

  private describe(exception: unknown, request: FastifyRequest): HttpErrorBody {
    const requestId = String(request.id);
    if (exception instanceof DomainError) {
      return {
        statusCode: DOMAIN_STATUS[exception.code],
        code: exception.code,
        message: exception.message,
        requestId,
        ...exception.details(),
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const fields =
        typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
      const message = Array.isArray(fields.message)
        ? fields.message.join('; ')
        : typeof fields.message === 'string'
          ? fields.message
          : exception.message;
      const code = typeof fields.code === 'string' ? fields.code : codeForStatus(statusCode);
      if (statusCode === HttpStatus.NOT_FOUND && code === 'NOT_FOUND' && message.startsWith('Cannot ')) {
        return { statusCode, code, message: `No route ${request.method} ${request.url}`, requestId };
      }
      return { statusCode, code, message, requestId };
    }
    // Errors Fastify raises itself (bad JSON, body too large, bad content type) carry a 4xx status.
    const fastifyError = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
    if (
      typeof fastifyError.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      return {
        statusCode: fastifyError.statusCode,
        code: codeForStatus(fastifyError.statusCode),
        message: String(fastifyError.message),
        requestId,
      };
    }
    this.logger.error({ err: exception, reqId: requestId }, 'unhandled error');
    return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error', requestId };
  }
}

/** Services throw DomainErrors (server/src/errors/); REST answers them with these statuses. */
const DOMAIN_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ARTIFACT_CONFLICT: 409,
  INVALID_STAGE_TRANSITION: 409,
  INVALID_STATUS_TRANSITION: 409,
  INVALID_SIGNATURE: 401,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_IN_PROGRESS: 409,
};

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
};

function codeForStatus(status: number): string {
  return CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
}
