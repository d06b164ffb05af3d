import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { EvaluationCounts } from './evaluation-counts.js';
import { EventsController } from './events.controller.js';
import { limitRouteBody } from './route-body-limit.js';

/** 1,000 lines of two 256-character keys and a count fit in well under this. */
const EVENTS_BODY_LIMIT = 1024 * 1024;

/** Evaluation counts SDKs report (`POST /sdk/v1/events`); what tells a stale flag from a used one. */
@Module({
  imports: [DeliveryModule],
  controllers: [EventsController],
  providers: [EvaluationCounts],
  exports: [EvaluationCounts],
})
export class EvaluationsModule implements NestModule {
  constructor(private readonly http: HttpAdapterHost) {}

  configure(): void {
    limitRouteBody(this.http, 'POST', '/sdk/v1/events', EVENTS_BODY_LIMIT);
  }
}
