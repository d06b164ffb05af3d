import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ReleasesModule } from '../releases/releases.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { ArtifactsHookController } from './artifacts-hook.controller.js';
import { DeploymentsHookController } from './deployments-hook.controller.js';
import { HealthHookController } from './health-hook.controller.js';
import { HookRunner } from './hook-runner.js';
import { IdempotencyStore } from './idempotency-store.js';
import { OpenApiDocumentHolder } from './openapi-document-holder.js';
import { OpenApiController } from './openapi.controller.js';
import { PipelineAuthenticator } from './pipeline-authenticator.js';
import { PipelineGuard } from './pipeline.guard.js';
import { keepRawBodies } from './raw-body.js';
import { ReleasesHookController } from './releases-hook.controller.js';
import { SeenSignatures } from './seen-signatures.js';

/** Hook bodies are a few hundred bytes; details objects are capped at 16 KiB. */
const HOOK_BODY_LIMIT = 256 * 1024;

/**
 * The REST hooks pipelines call (`/hooks/v1/…`, docs/release-hooks.md): pipeline-token auth,
 * optional HMAC signatures, idempotency keys, and their OpenAPI document at `/api/docs`.
 */
@Module({
  imports: [ReleasesModule, TokensModule],
  controllers: [
    ArtifactsHookController,
    ReleasesHookController,
    DeploymentsHookController,
    HealthHookController,
    OpenApiController,
  ],
  providers: [
    PipelineAuthenticator,
    SeenSignatures,
    PipelineGuard,
    IdempotencyStore,
    HookRunner,
    OpenApiDocumentHolder,
  ],
})
export class HooksModule implements NestModule {
  constructor(private readonly http: HttpAdapterHost) {}

  configure(): void {
    keepRawBodies(this.http, '/hooks/', HOOK_BODY_LIMIT);
  }
}
