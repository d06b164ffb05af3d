import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { AdminAuthenticator } from './admin-authenticator.js';
import { PUBLIC_KEY } from './public.decorator.js';

/** Every GraphQL operation needs an admin token unless marked @Public(); REST routes guard themselves. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: AdminAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const gql = GqlExecutionContext.create(context).getContext<GraphQLContext>();
    gql.actor ??= await this.authenticator.authenticate(gql.request.headers.authorization);
    return true;
  }
}
