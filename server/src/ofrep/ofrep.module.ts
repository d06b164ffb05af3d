import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EvaluatorCache } from './evaluator-cache.js';
import { ofrepBodyError } from './ofrep-body-error.js';
import { OfrepController } from './ofrep.controller.js';

/** An evaluation context is small; the server-wide limit is sized for segments of 100,000 keys. */
const OFREP_BODY_LIMIT = 256 * 1024;

/** OFREP endpoints over the delivery's keys and snapshots. */
@Module({
  imports: [DeliveryModule],
  controllers: [OfrepController],
  providers: [EvaluatorCache],
})
export class OfrepModule implements NestModule {
  constructor(private readonly http: HttpAdapterHost) {}

  /**
   * Nest has no decorator for Fastify's per-route body limit and error handler, so they are set as
   * Fastify registers the OFREP routes: `configure()` runs before Nest registers any route.
   */
  configure(): void {
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRoute', (route) => {
      if (route.method !== 'POST' || !route.url.startsWith('/ofrep/v1/evaluate/flags')) return;
      route.bodyLimit = OFREP_BODY_LIMIT;
      route.errorHandler = ofrepBodyError;
    });
  }
}
