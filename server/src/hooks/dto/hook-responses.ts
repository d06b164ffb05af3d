import { ApiProperty } from '@nestjs/swagger';
import { ArtifactModel } from '../../releases/artifact.model.js';
import { DeploymentModel } from '../../releases/deployment.model.js';
import { HealthSignalModel } from '../../releases/health-signal.model.js';
import { ReleaseModel } from '../../releases/release.model.js';

// The bodies of the hooks' answers, for the OpenAPI document.

export class ArtifactResponse {
  @ApiProperty({ type: ArtifactModel })
  artifact!: ArtifactModel;
}

export class ReleaseResponse {
  @ApiProperty({ type: ReleaseModel })
  release!: ReleaseModel;
}

export class DeploymentResponse {
  @ApiProperty({ type: DeploymentModel })
  deployment!: DeploymentModel;
}

export class HealthSignalResponse {
  @ApiProperty({ type: HealthSignalModel })
  signal!: HealthSignalModel;
}

export class InputProblemSchema {
  @ApiProperty({ description: 'JSON Pointer into the body, e.g. /strategy/steps.', example: '/version' })
  path!: string;

  @ApiProperty({ example: 'INVALID_VERSION' })
  code!: string;

  @ApiProperty()
  message!: string;
}

export class HookErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({
    description:
      'BAD_USER_INPUT, UNAUTHENTICATED, INVALID_SIGNATURE, NOT_FOUND, CONFLICT, ARTIFACT_CONFLICT, INVALID_STAGE_TRANSITION, INVALID_STATUS_TRANSITION, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_IN_PROGRESS, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, BAD_REQUEST',
    example: 'BAD_USER_INPUT',
  })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ description: 'Echoed in the x-request-id header and in the server log.' })
  requestId!: string;

  @ApiProperty({
    type: [InputProblemSchema],
    required: false,
    description: 'BAD_USER_INPUT: every problem found.',
  })
  problems?: InputProblemSchema[];
}
