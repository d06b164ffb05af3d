import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthSignalsService } from '../releases/health-signals.service.js';
import { HealthSignalRequest } from './dto/health-signal.request.js';
import { HealthSignalResponse } from './dto/hook-responses.js';
import type { HookRequest } from './hook-request.js';
import { HookRoute } from './hook-route.decorator.js';
import { HookRunner } from './hook-runner.js';
import { PipelineGuard } from './pipeline.guard.js';

@ApiTags('health')
@Controller('hooks/v1')
@UseGuards(PipelineGuard)
export class HealthHookController {
  constructor(
    private readonly runner: HookRunner,
    private readonly signals: HealthSignalsService,
  ) {}

  @Post('health')
  @HookRoute({
    summary: 'Report health',
    description:
      'Reports ok or breach for an application in an environment, from a pipeline, an alert or a script.',
    body: HealthSignalRequest,
    answers: [{ status: 201, type: HealthSignalResponse, description: 'Recorded.' }],
    refusals: { 404: 'NOT_FOUND: the application or environment is not there.' },
  })
  async report(
    @Body() body: unknown,
    @Req() request: HookRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const input = HealthSignalRequest.read(body);
    await this.runner.run(request, reply, async (tx, caller) => ({
      status: 201,
      body: { signal: await this.signals.report(tx, caller.projectId, input, caller.label) },
    }));
  }
}
