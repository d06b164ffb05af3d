import { ApiProperty } from '@nestjs/swagger';
import { RELEASE_STAGES, type ReleaseStage } from '../../releases/release-stage.js';
import type { ReleaseInput } from '../../releases/releases.service.js';
import { SLUG_KEY } from '../../validation/input-checks.js';
import { HookBody, MAX_NOTES_LENGTH } from '../hook-body.js';

export class PromoteReleaseRequest implements ReleaseInput {
  @ApiProperty({ description: 'Key of the application.', pattern: SLUG_KEY.source, example: 'checkout' })
  application!: string;

  @ApiProperty({ description: 'Version of a released artifact.', example: '2.3.0' })
  version!: string;

  @ApiProperty({
    enum: RELEASE_STAGES,
    description: 'A later stage than the current one (stages may be skipped).',
  })
  stage!: ReleaseStage;

  @ApiProperty({ required: false, maxLength: MAX_NOTES_LENGTH })
  notes?: string;

  static read(body: unknown): PromoteReleaseRequest {
    const b = new HookBody(body);
    const request = {
      application: b.key('application')!,
      version: b.version('version')!,
      stage: b.oneOf('stage', RELEASE_STAGES, true)!,
      notes: b.text('notes', MAX_NOTES_LENGTH),
    };
    b.done();
    return request;
  }
}
