import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';
import { METRICS } from '../app/injection-tokens.js';
import type { Metrics } from './metrics.js';

/**
 * Prometheus text format. Like /healthz it needs no token: expose it only where your Prometheus
 * can reach it (it names routes and counts, never flags, keys or data).
 */
@Controller()
export class MetricsController {
  constructor(@Inject(METRICS) private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
