import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import type { GraphQLContext } from '../graphql/graphql-context.js';

/** The authenticated caller of a GraphQL operation (see AdminGuard). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const actor = GqlExecutionContext.create(context).getContext<GraphQLContext>().actor;
  if (!actor) throw new UnauthenticatedError();
  return actor;
});
