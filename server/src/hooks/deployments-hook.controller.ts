import { Body, Controller, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { STRATEGY_SCHEMAS } from '../releases/deployment-strategy.schemas.js';
import { DeploymentsService } from '../releases/deployments.service.js';
import { DeploymentStatusRequest } from './dto/deployment-status.request.js';
import { DeploymentResponse } from './dto/hook-responses.js';
import { StartDeploymentRequest } from './dto/start-deployment.request.js';
import type { HookRequest } from './hook-request.js';
import { HookRoute } from './hook-route.decorator.js';
import { HookRunner } from './hook-runner.js';
import { PipelineGuard } from './pipeline.guard.js';

@ApiTags('deployments')
@ApiExtraModels(...STRATEGY_SCHEMAS)
@Controller('hooks/v1')
@UseGuards(PipelineGuard)
export class DeploymentsHookController {
  constructor(
    private readonly runner: HookRunner,
    private readonly deployments: DeploymentsService,
  ) {}

  @Post('deployments')
  @HookRoute({
    summary: 'Start a deployment',
    description:
      'Records that a recorded artifact is being deployed into an environment; its status is started.',
    body: StartDeploymentRequest,
    answers: [{ status: 201, type: DeploymentResponse, description: 'Started.' }],
    refusals: { 404: 'NOT_FOUND: the application, environment or artifact is not there.' },
  })
  async start(@Body() body: unknown, @Req() request: HookRequest, @Res() reply: FastifyReply): Promise<void> {
    const input = StartDeploymentRequest.read(body);
    await this.runner.run(request, reply, async (tx, caller) => ({
      status: 201,
      body: { deployment: await this.deployments.start(tx, caller.projectId, input, caller.label) },
    }));
  }

  @Post('deployments/status')
  @HookRoute({
    summary: 'Report a deployment status',
    description:
      'started → succeeded or failed; succeeded or failed → rolled_back. Names the deployment by deploymentId, or by application and environment (and version): then the most recent such deployment.',
    body: DeploymentStatusRequest,
    answers: [{ status: 200, type: DeploymentResponse, description: 'The deployment with its new status.' }],
    refusals: {
      404: 'NOT_FOUND: no such deployment.',
      409: 'INVALID_STATUS_TRANSITION: the status cannot follow the current one (`status` says what it is).',
    },
  })
  async status(
    @Body() body: unknown,
    @Req() request: HookRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const report = DeploymentStatusRequest.read(body);
    await this.runner.run(request, reply, async (tx, caller) => ({
      status: 200,
      body: { deployment: await this.deployments.report(tx, caller.projectId, report, caller.label) },
    }));
  }
}
