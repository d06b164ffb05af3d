import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ArtifactsService } from '../releases/artifacts.service.js';
import { CreateArtifactRequest } from './dto/create-artifact.request.js';
import { ArtifactResponse } from './dto/hook-responses.js';
import type { HookRequest } from './hook-request.js';
import { HookRoute } from './hook-route.decorator.js';
import { HookRunner } from './hook-runner.js';
import { PipelineGuard } from './pipeline.guard.js';

@ApiTags('artifacts')
@Controller('hooks/v1')
@UseGuards(PipelineGuard)
export class ArtifactsHookController {
  constructor(
    private readonly runner: HookRunner,
    private readonly artifacts: ArtifactsService,
  ) {}

  @Post('artifacts')
  @HookRoute({
    summary: 'Record an artifact',
    description:
      'Records a build of an application (made on first use). Artifacts are immutable: the same version with the same content answers the stored one (200); with other content, ARTIFACT_CONFLICT.',
    body: CreateArtifactRequest,
    answers: [
      { status: 201, type: ArtifactResponse, description: 'Recorded.' },
      { status: 200, type: ArtifactResponse, description: 'Recorded before, with the same content.' },
    ],
    refusals: {
      409: 'ARTIFACT_CONFLICT: this version exists with another commit, imageDigest or buildUrl (`fields` names them).',
    },
  })
  async create(
    @Body() body: unknown,
    @Req() request: HookRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const input = CreateArtifactRequest.read(body);
    await this.runner.run(request, reply, async (tx, caller) => {
      const { artifact, created } = await this.artifacts.record(tx, caller.projectId, input, caller.label);
      return { status: created ? 201 : 200, body: { artifact } };
    });
  }
}
