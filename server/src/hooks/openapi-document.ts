import type { INestApplication, Type } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SERVER_VERSION } from '../version.js';
import { PIPELINE_TOKEN_AUTH } from './hook-route.decorator.js';

/**
 * The OpenAPI document of the pipeline hooks, generated from the controllers and DTOs of the
 * modules given (HooksModule), so it cannot drift from the routes.
 */
export function hooksOpenApiDocument(
  app: INestApplication,
  modules: readonly Type<unknown>[],
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Flagstaff release hooks')
    .setDescription(
      'REST hooks for CI/CD pipelines: artifacts, releases, deployments and health. Authenticate with a pipeline token; see docs/release-hooks.md for signatures and idempotency.',
    )
    .setVersion(SERVER_VERSION)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', description: 'A pipeline token (fsp_…).' },
      PIPELINE_TOKEN_AUTH,
    )
    .build();
  return SwaggerModule.createDocument(app, config, { include: [...modules] });
}
