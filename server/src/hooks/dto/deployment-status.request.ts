import { ApiProperty } from '@nestjs/swagger';
import { REPORTED_STATUSES, type ReportedStatus } from '../../releases/deployment-status.js';
import type { StatusReport } from '../../releases/deployments.service.js';
import { SLUG_KEY } from '../../validation/input-checks.js';
import { DETAILS_SCHEMA, HookBody } from '../hook-body.js';

export class DeploymentStatusRequest {
  @ApiProperty({ enum: REPORTED_STATUSES })
  status!: ReportedStatus;

  @ApiProperty({
    required: false,
    format: 'uuid',
    description:
      'The deployment. Or leave it out and name application and environment (and perhaps version).',
  })
  deploymentId?: string;

  @ApiProperty({
    required: false,
    pattern: SLUG_KEY.source,
    description: 'With environment, instead of deploymentId: the most recent deployment of it there.',
  })
  application?: string;

  @ApiProperty({ required: false, pattern: SLUG_KEY.source })
  environment?: string;

  @ApiProperty({ required: false, description: 'Narrows application and environment to this version.' })
  version?: string;

  @ApiProperty(DETAILS_SCHEMA)
  details?: Record<string, unknown>;

  /** The report a body holds: a status, and either a deployment id or an application and environment. */
  static read(body: unknown): StatusReport {
    const b = new HookBody(body);
    const status = b.oneOf('status', REPORTED_STATUSES, true)!;
    const details = b.details('details');
    const byId = b.has('deploymentId');
    const deploymentId = b.uuid('deploymentId');
    const application = b.key('application', !byId);
    const environment = b.key('environment', !byId);
    const version = b.version('version', false);
    if (byId && (application !== undefined || environment !== undefined || version !== undefined)) {
      b.problem(
        '/deploymentId',
        'AMBIGUOUS_TARGET',
        'give deploymentId, or application and environment; not both',
      );
    }
    b.done();
    const target = byId
      ? { deploymentId: deploymentId! }
      : {
          application: application!,
          environment: environment!,
          ...(version === undefined ? {} : { version }),
        };
    return { status, target, ...(details === undefined ? {} : { details }) };
  }
}
