import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReleasesService } from '../releases/releases.service.js';
import { CreateReleaseRequest } from './dto/create-release.request.js';
import { ReleaseResponse } from './dto/hook-responses.js';
import { PromoteReleaseRequest } from './dto/promote-release.request.js';
import type { HookRequest } from './hook-request.js';
import { HookRoute } from './hook-route.decorator.js';
import { HookRunner } from './hook-runner.js';
import { PipelineGuard } from './pipeline.guard.js';

@ApiTags('releases')
@Controller('hooks/v1')
@UseGuards(PipelineGuard)
export class ReleasesHookController {
  constructor(
    private readonly runner: HookRunner,
    private readonly releases: ReleasesService,
  ) {}

  @Post('releases')
  @HookRoute({
    summary: 'Release an artifact',
    description:
      'Makes the release of a recorded artifact at a stage (alpha when left out). Asking again for the stage it is at answers it (200).',
    body: CreateReleaseRequest,
    answers: [
      { status: 201, type: ReleaseResponse, description: 'Released.' },
      { status: 200, type: ReleaseResponse, description: 'Released before, at this stage.' },
    ],
    refusals: {
      404: 'NOT_FOUND: the application or artifact is not there.',
      409: 'CONFLICT: the artifact was released before at another stage; promote it.',
    },
  })
  async create(
    @Body() body: unknown,
    @Req() request: HookRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const input = CreateReleaseRequest.read(body);
    await this.runner.run(request, reply, async (tx, caller) => {
      const { release, created } = await this.releases.create(tx, caller.projectId, input, caller.label);
      return { status: created ? 201 : 200, body: { release } };
    });
  }

  @Post('releases/promote')
  @HookRoute({
    summary: 'Promote a release',
    description:
      'Moves a release forward to a later stage (alpha → beta → rc → stable; stages may be skipped).',
    body: PromoteReleaseRequest,
    answers: [
      { status: 200, type: ReleaseResponse, description: 'Promoted; `promotions` records the step.' },
    ],
    refusals: {
      404: 'NOT_FOUND: the application, artifact or release is not there.',
      409: 'INVALID_STAGE_TRANSITION: the stage is not after the current one (`stage` says where it is).',
    },
  })
  async promote(
    @Body() body: unknown,
    @Req() request: HookRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const input = PromoteReleaseRequest.read(body);
    await this.runner.run(request, reply, async (tx, caller) => ({
      status: 200,
      body: { release: await this.releases.promote(tx, caller.projectId, input, caller.label) },
    }));
  }
}
