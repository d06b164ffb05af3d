import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { DomainError } from '../errors/domain-error.js';

interface FormatterContext {
  readonly reply?: { readonly log: { error(obj: object, msg: string): void } };
}

interface Formatted {
  statusCode: number;
  response: { data: unknown; errors: GraphQLFormattedError[] };
}

/** Value errors of arguments and variables: the caller sent a wrong type, a missing field, etc. */
const INPUT_ERROR =
  /^(Variable "\$|Expected value of type|Expected type|Field "[^"]+" of required type|Field "[^"]+" is not defined by type|Argument "[^"]+" of (non-null|required) type|Int cannot represent|Float cannot represent|String cannot represent|Boolean cannot represent|ID cannot represent|Enum "|Value "[^"]*" does not exist)/;

/**
 * Every GraphQL error leaves with `extensions.code`. Domain errors keep their code and details;
 * malformed requests are 400 with GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED or
 * BAD_USER_INPUT; anything else is a bug: logged, and answered without internals. Resolver errors
 * are 200, as GraphQL over HTTP expects, so no client mistake ever looks like a server failure.
 */
export function formatGraphQLErrors(
  execution: ExecutionResult & { errors: readonly GraphQLError[] },
  context: FormatterContext,
): Formatted {
  let statusCode = 200;
  const errors: GraphQLFormattedError[] = [];
  for (const error of execution.errors) {
    const original = error.originalError as (Error & { errors?: unknown; statusCode?: unknown }) | undefined;
    if (original && Array.isArray(original.errors)) {
      statusCode = 400;
      for (const inner of original.errors as Error[]) errors.push(requestError(inner));
    } else if (original instanceof DomainError) {
      errors.push(withCode(error, original.code, original.details()));
    } else if (original && typeof original.statusCode === 'number' && original.statusCode < 500) {
      statusCode = original.statusCode;
      errors.push({ message: original.message, extensions: { code: 'BAD_REQUEST' } });
    } else if (!original) {
      errors.push(
        withCode(error, INPUT_ERROR.test(error.message) ? 'BAD_USER_INPUT' : 'GRAPHQL_VALIDATION_FAILED'),
      );
    } else {
      context.reply?.log.error({ err: original, path: error.path }, 'GraphQL resolver failed');
      errors.push({
        message: 'Internal server error',
        path: error.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
    }
  }
  return { statusCode, response: { data: execution.data ?? null, errors } };
}

function requestError(error: Error): GraphQLFormattedError {
  const code = error.message.startsWith('Syntax Error')
    ? 'GRAPHQL_PARSE_FAILED'
    : INPUT_ERROR.test(error.message)
      ? 'BAD_USER_INPUT'
      : 'GRAPHQL_VALIDATION_FAILED';
  return error instanceof GraphQLError
    ? withCode(error, code)
    : { message: error.message, extensions: { code } };
}

function withCode(
  error: GraphQLError,
  code: string,
  details: Record<string, unknown> = {},
): GraphQLFormattedError {
  const json = error.toJSON();
  return { ...json, extensions: { ...json.extensions, ...details, code } };
}
