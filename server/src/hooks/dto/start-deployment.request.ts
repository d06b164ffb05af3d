import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { DeploymentInput } from '../../releases/deployments.service.js';
import type { DeploymentStrategy } from '../../releases/deployment-strategy.js';
import { STRATEGY_SCHEMAS } from '../../releases/deployment-strategy.schemas.js';
import { SLUG_KEY } from '../../validation/input-checks.js';
import { HookBody, MAX_URL_LENGTH } from '../hook-body.js';

export class StartDeploymentRequest implements DeploymentInput {
  @ApiProperty({ description: 'Key of the application.', pattern: SLUG_KEY.source, example: 'checkout' })
  application!: string;

  @ApiProperty({ description: 'Version of a recorded artifact.', example: '2.3.0' })
  version!: string;

  @ApiProperty({ description: 'Key of the environment.', pattern: SLUG_KEY.source, example: 'production' })
  environment!: string;

  @ApiProperty({
    required: false,
    oneOf: STRATEGY_SCHEMAS.map((s) => ({ $ref: getSchemaPath(s) })),
    description: 'Rolling with maxSurge "25%" and maxUnavailable "25%" when left out.',
  })
  strategy?: DeploymentStrategy;

  @ApiProperty({ required: false, format: 'uri', maxLength: MAX_URL_LENGTH })
  pipelineRunUrl?: string;

  static read(body: unknown): StartDeploymentRequest {
    const b = new HookBody(body);
    const request = {
      application: b.key('application')!,
      version: b.version('version')!,
      environment: b.key('environment')!,
      strategy: b.strategy('strategy'),
      pipelineRunUrl: b.url('pipelineRunUrl'),
    };
    b.done();
    return request;
  }
}
