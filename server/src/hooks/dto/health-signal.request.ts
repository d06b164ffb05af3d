import { ApiProperty } from '@nestjs/swagger';
import type { HealthStatus } from '../../bus/release-event.js';
import type { HealthInput } from '../../releases/health-signals.service.js';
import { SLUG_KEY } from '../../validation/input-checks.js';
import { DETAILS_SCHEMA, HookBody, MAX_SOURCE_LENGTH } from '../hook-body.js';

const HEALTH_STATUSES: readonly HealthStatus[] = ['ok', 'breach'];

export class HealthSignalRequest implements HealthInput {
  @ApiProperty({ description: 'Key of the application.', pattern: SLUG_KEY.source, example: 'checkout' })
  application!: string;

  @ApiProperty({ description: 'Key of the environment.', pattern: SLUG_KEY.source, example: 'production' })
  environment!: string;

  @ApiProperty({ enum: HEALTH_STATUSES })
  status!: HealthStatus;

  @ApiProperty({
    maxLength: MAX_SOURCE_LENGTH,
    description: 'What reports it.',
    example: 'prometheus/HighErrorRate',
  })
  source!: string;

  @ApiProperty(DETAILS_SCHEMA)
  details?: Record<string, unknown>;

  static read(body: unknown): HealthSignalRequest {
    const b = new HookBody(body);
    const request = {
      application: b.key('application')!,
      environment: b.key('environment')!,
      status: b.oneOf('status', HEALTH_STATUSES, true)!,
      source: b.text('source', MAX_SOURCE_LENGTH, true)!,
      details: b.details('details'),
    };
    b.done();
    return request;
  }
}
