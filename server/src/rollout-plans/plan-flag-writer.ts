import { Injectable } from '@nestjs/common';
import type { WriteTransaction } from '../changes/change-writer.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { defaultFlagConfig, flagConfigRecord } from '../flags/flag-config-record.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { FlagRepository } from '../flags/flag.repository.js';
import { FlagValidator } from '../flags/flag-validator.js';
import { diffJson } from '../revisions/json-diff.js';
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
    if (flag.archivedAt !== null) {
      throw InvalidInputError.at('/flag', 'FLAG_ARCHIVED', `flag ${flag.key} is archived`);
    }
    const environment = tx.environment!;
    const row = await this.flags.config(tx.manager, flag.id, environment.id);
    const current = row ? flagConfigRecord(row) : defaultFlagConfig(flag);
    const changed = planFlagConfig(current, plan, weight);
    const problems = await this.validator.configProblems(tx.manager, environment, flag, changed);
    if (problems.length > 0) throw new InvalidInputError(problems);
    const version = row?.version ?? 0;
    if (diffJson(current, changed).length === 0) return version;
    const saved = await this.flags.saveConfig(tx.manager, flag.id, environment.id, changed, version);
    tx.record({
      entityType: 'flagConfig',
      entityKey: flag.key,
      action: 'update',
      before: current,
      after: changed,
      environmentId: environment.id,
      snapshotPart: 'flag',
    });
    return saved.version;
  }
}
