import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';

/** Per-request GraphQL context; `actor` is set by AdminGuard before any resolver runs. */
export interface GraphQLContext {
  readonly request: FastifyRequest;
  actor?: Actor;
}
