import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CONFIG, LOGGER } from '../app/injection-tokens.js';
import type { ReleaseEvent } from '../bus/release-event.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logging/logger.js';
import { ReleaseSignals } from '../releases/release-signals.js';
import { RolloutPlanRunner } from './rollout-plan-runner.js';
import { RolloutPlanRepository } from './rollout-plan.repository.js';

/**
 * Moves rollout plans along without people: every `FLAGSTAFF_ROLLOUT_TICK_MS` it looks at every
 * live plan in the database (bakes that ended, deployments that succeeded or failed, breaches),
 * and at once at the plans a release event concerns. Events only make it look sooner: what it
 * decides on is read from the database, so a lost event costs at most one tick. Every instance
 * runs one; RolloutPlanRunner makes sure each transition happens once among them. Within an
 * instance, looks run one after another (the embedded database is one connection anyway).
 */
@Injectable()
export class RolloutScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private queue: Promise<void> = Promise.resolve();
  /** A tick waiting in the queue, not started yet: later calls share it. */
  private queuedTick: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: RolloutPlanRepository,
    private readonly runner: RolloutPlanRunner,
    private readonly signals: ReleaseSignals,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.signals.subscribe((event) => void this.onRelease(event));
    this.timer = setInterval(() => void this.tick(), this.config.rolloutTickMs);
    this.timer.unref();
  }

  /** Stops looking and waits for a look in progress, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    await this.queue;
  }

  /**
   * Looks at every live plan once, after any look in progress; resolves when done. A tick that
   * has not started yet is shared, so ticks never pile up behind a slow one.
   */
  tick(): Promise<void> {
    this.queuedTick ??= this.enqueue(async () => {
      this.queuedTick = undefined;
      await this.checkEach(await this.plans.liveIds(this.dataSource.manager));
    });
    return this.queuedTick;
  }

  private onRelease(event: ReleaseEvent): Promise<void> {
    const release = { applicationId: event.applicationId, environmentId: event.environmentId };
    return this.enqueue(async () =>
      this.checkEach(await this.plans.liveIds(this.dataSource.manager, release)),
    );
  }

  private async checkEach(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (this.stopped) return;
      try {
        await this.runner.check(id);
      } catch (error) {
        // One plan's trouble (a database hiccup) must not hold up the others; the next tick retries.
        this.logger.warn({ err: error, plan: id }, 'rollout plan check failed');
      }
    }
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.queue.then(job);
    this.queue = run.catch((error: unknown) => {
      this.logger.warn({ err: error }, 'rollout scheduler look failed');
    });
    return run;
  }
}
