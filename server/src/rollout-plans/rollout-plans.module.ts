import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { FlagRepository } from '../flags/flag.repository.js';
import { FlagValidator } from '../flags/flag-validator.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ReleasesModule } from '../releases/releases.module.js';
import { Clock } from './clock.js';
import { PlanFlagWriter } from './plan-flag-writer.js';
import { RolloutPlanFacts } from './rollout-plan-facts.js';
import { RolloutPlanReader } from './rollout-plan-reader.js';
import { RolloutPlanRunner } from './rollout-plan-runner.js';
import { RolloutPlanRepository } from './rollout-plan.repository.js';
import { RolloutPlansResolver } from './rollout-plans.resolver.js';
import { RolloutPlansService } from './rollout-plans.service.js';
import { RolloutScheduler } from './rollout-scheduler.js';

/**
 * Rollout plans: flags ramped through steps once their application's deployment succeeded, and
 * stopped when it fails or health breaches (docs/rollout-plans.md). Reads release records
 * through ReleaseSignals; writes flags as normal revisions through ChangeWriter. The flags
 * domain's repository and validator are stateless, so this module has its own instances.
 */
@Module({
  imports: [ChangesModule, ProjectsModule, ReleasesModule],
  providers: [
    Clock,
    FlagRepository,
    FlagValidator,
    RolloutPlanRepository,
    RolloutPlanFacts,
    PlanFlagWriter,
    RolloutPlanRunner,
    RolloutScheduler,
    RolloutPlansService,
    RolloutPlanReader,
    RolloutPlansResolver,
  ],
})
export class RolloutPlansModule {}
