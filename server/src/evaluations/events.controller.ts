import { BadRequestException, Controller, HttpCode, Inject, Options, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { METRICS } from '../app/injection-tokens.js';
import { SDK_CORS_HEADERS } from '../delivery/sdk-cors.js';
import { SdkKeyAuthenticator, type SdkKey } from '../delivery/sdk-key-authenticator.js';
import { authenticateSdkRequest } from '../delivery/sdk-request.js';
import { SnapshotCache } from '../delivery/snapshot-cache.js';
import type { Metrics } from '../metrics/metrics.js';
import { EvaluationBatchError, readEvaluationBatch } from './evaluation-batch.js';
import { EvaluationCounts, type EvaluationReport } from './evaluation-counts.js';

/** Browsers send the JSON body with a preflight: it must allow POST and Content-Type. */
const EVENTS_PREFLIGHT_HEADERS = {
  ...SDK_CORS_HEADERS,
  'access-control-allow-headers': 'Authorization, Content-Type',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-max-age': '86400',
} as const;

/**
 * `POST /sdk/v1/events` (docs/delivery-protocol.md): evaluation counts batched by SDKs, with the
 * same keys (and CORS for client keys) as the snapshot. Answers `202 {accepted}`, the number of
 * evaluations kept: lines for flags the key cannot see are dropped.
 */
@Controller('sdk/v1')
export class EventsController {
  constructor(
    private readonly keys: SdkKeyAuthenticator,
    private readonly snapshots: SnapshotCache,
    private readonly counts: EvaluationCounts,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  @Post('events')
  @HttpCode(202)
  async events(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ accepted: number }> {
    const key = await authenticateSdkRequest(this.keys, request, reply);
    let reports: readonly EvaluationReport[];
    try {
      reports = readEvaluationBatch(request.body).reports;
    } catch (error) {
      if (error instanceof EvaluationBatchError) throw new BadRequestException(error.message);
      throw error;
    }
    if (key.kind === 'client') reports = await this.clientSideOnly(key, reports);
    const accepted = await this.counts.record(
      { id: key.environmentId, projectId: key.projectId },
      reports,
      new Date(),
    );
    this.metrics.evaluationsReported.inc(accepted);
    return { accepted };
  }

  @Options('events')
  preflight(@Res() reply: FastifyReply): void {
    void reply.code(204).headers(EVENTS_PREFLIGHT_HEADERS).send();
  }

  /**
   * Client keys are public (they ship in web pages): lines for server-only flags are dropped, so
   * `accepted` never tells a page which server-side flags exist, nor lets it keep one from going stale.
   */
  private async clientSideOnly(
    key: SdkKey,
    reports: readonly EvaluationReport[],
  ): Promise<readonly EvaluationReport[]> {
    const { flags } = (await this.snapshots.current(key.environmentId, 'client')).snapshot;
    return reports.filter((r) => Object.hasOwn(flags, r.flag));
  }
}
