import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { METRICS, LOGGER } from '../app/injection-tokens.js';
import { requireRole } from '../auth/access.js';
import { systemActor, type Actor } from '../auth/actor.js';
import { ChangeWriter } from '../changes/change-writer.js';
import { NotFoundError } from '../errors/not-found-error.js';
import {
  booleanVariation,
  defaultFlagConfig,
  flagConfigRecord,
  type FlagConfigRecord,
} from '../flags/flag-config-record.js';
import type { FlagEntity } from '../flags/flag.entity.js';
import { FlagRepository } from '../flags/flag.repository.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { ReleaseLookup } from '../releases/release-lookup.js';
import { InputChecks } from '../validation/input-checks.js';
import { Clock } from './clock.js';
import type { CreateRolloutPlanInput } from './dto/create-rollout-plan.input.js';
import { PlanFlagWriter } from './plan-flag-writer.js';
import { planActorLabel } from './rollout-plan-actor.js';
import { checkRolloutPlanInput } from './rollout-plan-input-checks.js';
import { waitingReason, type PersonAction } from './rollout-plan-machine.js';
import { RolloutPlanRunner } from './rollout-plan-runner.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';
import { RolloutPlanRepository } from './rollout-plan.repository.js';

/** Rollout plans as people make and steer them; the scheduler moves them on its own (RolloutScheduler). */
@Injectable()
export class RolloutPlansService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly releases: ReleaseLookup,
    private readonly writer: ChangeWriter,
    private readonly flags: FlagRepository,
    private readonly plans: RolloutPlanRepository,
    private readonly flagWriter: PlanFlagWriter,
    private readonly runner: RolloutPlanRunner,
    private readonly clock: Clock,
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Makes a plan, waiting, and writes its parts into the flag at 0 % in the same transaction;
   * then looks at it at once, so a plan whose deployment already succeeded starts now. Every
   * problem of the input is reported together, and a refused plan writes nothing.
   */
  async create(
    actor: Actor,
    projectKey: string,
    input: CreateRolloutPlanInput,
    reason?: string | null,
  ): Promise<RolloutPlanEntity> {
    const { project, environment } = await this.lookup.environment(actor, projectKey, input.environment);
    const action = `create a rollout plan for flag ${input.flag} in ${environment.key}`;
    requireRole(actor, 'editor', action);
    const checks = new InputChecks();
    const steps = checkRolloutPlanInput(input, checks);
    const id = randomUUID();
    const waiting = waitingReason({ ...input, environment: environment.key });
    const note = reason?.trim() || null;
    const message = `created by ${actor.label}${note ? `: ${note}` : ''}; ${waiting}; 0 %`;
    const now = this.clock.now();
    await this.writer.write(
      systemActor(project.id, planActorLabel(id), actor),
      { projectId: project.id, environmentId: environment.id },
      // A person gives a reason of their own in a protected environment, as for any change there.
      { action, reason: environment.protected && !note ? null : message },
      async (tx) => {
        const flag = await this.flags.findByKey(tx.manager, project.id, input.flag);
        if (!flag) throw new NotFoundError(`flag ${input.flag}`);
        const application = await this.releases.application(tx.manager, project.id, input.application);
        const row = await this.flags.config(tx.manager, flag.id, environment.id);
        const variations = planVariations(
          flag,
          row ? flagConfigRecord(row) : defaultFlagConfig(flag),
          input,
          checks,
        );
        if (flag.archivedAt !== null) {
          checks.add('/flag', 'FLAG_ARCHIVED', `flag ${flag.key} is archived; unarchive it first`);
        }
        const active = await this.plans.activeFor(tx.manager, environment.id, flag.id);
        if (active) {
          checks.add(
            '/flag',
            'ACTIVE_PLAN',
            `flag ${flag.key} already has an active rollout plan in ${environment.key} (${active.id}); complete or cancel it first`,
          );
        }
        checks.done();
        const plan: RolloutPlanEntity = {
          id,
          projectId: project.id,
          environmentId: environment.id,
          flagId: flag.id,
          applicationId: application.id,
          minVersion: input.minVersion,
          onVariation: variations.on!,
          offVariation: variations.off!,
          steps,
          onFailure: input.onFailure,
          status: 'waiting',
          statusReason: waiting,
          step: 0,
          weight: 0,
          stepStartedAt: null,
          nextActionAt: null,
          watchSince: null,
          deploymentId: null,
          flagConfigVersion: 0,
          createdBy: actor.label,
          createdAt: now,
          updatedAt: now,
        };
        plan.flagConfigVersion = await this.flagWriter.write(tx, plan, 0);
        await this.plans.insert(tx.manager, plan);
        await this.plans.insertEvent(tx.manager, {
          planId: id,
          kind: 'created',
          cause: 'person',
          fromStatus: null,
          toStatus: 'waiting',
          step: 0,
          weight: 0,
          actor: actor.label,
          message,
          at: now,
        });
      },
    );
    this.metrics.rolloutPlanTransitions.inc({ kind: 'created', cause: 'person' });
    await this.runner.check(id).catch((error: unknown) => {
      // The plan is made; the scheduler's next tick looks at it again.
      this.logger.warn({ err: error, plan: id }, 'new rollout plan not checked');
    });
    return (await this.plans.find(this.dataSource.manager, id))!;
  }

  /** pause, resume, approve, rollBack, complete or cancel, as a person with the editor role. */
  async act(
    actor: Actor,
    projectKey: string,
    planId: string,
    action: PersonAction,
    reason?: string | null,
  ): Promise<RolloutPlanEntity> {
    const project = await this.lookup.project(actor, projectKey);
    const plan = await this.plans.inProject(this.dataSource.manager, project.id, planId);
    if (!plan) throw new NotFoundError(`rollout plan ${planId}`);
    requireRole(actor, 'editor', `${action} a rollout plan`);
    return this.runner.act(planId, action, actor, reason);
  }
}

/** The plan's on and off variations, from the input or the flag; what is missing or unknown goes into `checks`. */
function planVariations(
  flag: FlagEntity,
  current: FlagConfigRecord,
  input: CreateRolloutPlanInput,
  checks: InputChecks,
): { on: string | undefined; off: string | undefined } {
  const known = new Set(flag.variations.map((v) => v.key));
  const isBoolean = flag.kind === 'boolean';
  const on = input.onVariation ?? (isBoolean ? booleanVariation(flag.variations, true) : undefined);
  const off = input.offVariation ?? current.offVariation ?? undefined;
  if (on === undefined) {
    checks.add('/onVariation', 'REQUIRED', `name the variation to ramp: flag ${flag.key} is not boolean`);
  } else if (!known.has(on)) {
    checks.add('/onVariation', 'UNKNOWN_VARIATION', `flag ${flag.key} has no variation ${on}`);
  }
  if (off === undefined) {
    checks.add('/offVariation', 'REQUIRED', `flag ${flag.key} has no off variation here: name one`);
  } else if (!known.has(off)) {
    checks.add('/offVariation', 'UNKNOWN_VARIATION', `flag ${flag.key} has no variation ${off}`);
  } else if (off === on) {
    checks.add('/offVariation', 'SAME_VARIATION', 'the off variation differs from the on variation');
  }
  return { on, off };
}
