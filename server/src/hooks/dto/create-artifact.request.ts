import { ApiProperty } from '@nestjs/swagger';
import { SLUG_KEY } from '../../validation/input-checks.js';
import type { ArtifactInput } from '../../releases/artifacts.service.js';
import { COMMIT, HookBody, IMAGE_DIGEST, MAX_URL_LENGTH } from '../hook-body.js';

export class CreateArtifactRequest implements ArtifactInput {
  @ApiProperty({
    description: 'Key of the application. An unknown key makes the application.',
    pattern: SLUG_KEY.source,
    example: 'checkout',
  })
  application!: string;

  @ApiProperty({ description: 'A semantic version (semver.org).', maxLength: 256, example: '2.3.0' })
  version!: string;

  @ApiProperty({
    required: false,
    pattern: COMMIT.source,
    example: '9fceb02d0ae598e95dc970b74767f19372d61af8',
  })
  commit?: string;

  @ApiProperty({ required: false, pattern: IMAGE_DIGEST.source, example: 'sha256:' + 'a'.repeat(64) })
  imageDigest?: string;

  @ApiProperty({ required: false, format: 'uri', maxLength: MAX_URL_LENGTH })
  buildUrl?: string;

  /** The request a body holds; BAD_USER_INPUT naming every problem. */
  static read(body: unknown): CreateArtifactRequest {
    const b = new HookBody(body);
    const request = {
      application: b.key('application')!,
      version: b.version('version')!,
      commit: b.string(
        'commit',
        false,
        (v) => COMMIT.test(v),
        'INVALID_COMMIT',
        'a commit id: 7 to 64 hex characters',
      ),
      imageDigest: b.string(
        'imageDigest',
        false,
        (v) => IMAGE_DIGEST.test(v),
        'INVALID_DIGEST',
        'an image digest such as sha256:<64 hex characters>',
      ),
      buildUrl: b.url('buildUrl'),
    };
    b.done();
    return request;
  }
}
