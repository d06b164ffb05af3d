import { Injectable } from '@nestjs/common';
import type { WriteTransaction } from '../changes/change-writer.js';
import { writeFlagConfig } from '../flags/flag-config-write.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { FlagRepository } from '../flags/flag.repository.js';
import { FlagValidator } from '../flags/flag-validator.js';
import { planFlagConfig } from './plan-flag-config.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';

/**
 * Writes a plan's parts into its flag's configuration as a normal flag revision, in the
 * transaction of a ChangeWriter write (its environment locked): judged by sdk-core like any edit,
 * recorded, delivered to SDKs. Returns the configuration's version afterwards.
 */
@Injectable()
export class PlanFlagWriter {
  constructor(
    private readonly flags: FlagRepository,
    private readonly validator: FlagValidator,
  ) {}

  async write(tx: WriteTransaction, plan: RolloutPlanEntity, weight: number): Promise<number> {
    const flag = await tx.manager.findOneByOrFail(FlagEntity, { id: plan.flagId });
    const row = await writeFlagConfig(tx, this.flags, this.validator, flag, {
      action: 'update',
      next: (current) => planFlagConfig(current, plan, weight),
    });
    return row?.version ?? 0;
  }
}
