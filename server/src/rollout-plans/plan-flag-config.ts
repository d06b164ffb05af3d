import { BUCKETS, type Rule } from '@flagstaff/sdk-core';
import type { FlagConfigRecord } from '../flags/flag-config-record.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';

type PlanParts = Pick<RolloutPlanEntity, 'id' | 'minVersion' | 'onVariation' | 'offVariation'>;

/** The id of the rule a plan puts first in its flag; stable, so the plan finds and replaces it. */
export function planRuleId(planId: string): string {
  return `rollout-plan-${planId}`;
}

/**
 * The flag's configuration with the plan's parts in it, everything else as it was: enabled; first
 * a rule serving the off variation to contexts whose appVersion is below the plan's version (the
 * processes that lack the code); the fallthrough a rollout serving `weight` the on variation.
 * The on variation comes first in the rollout and the salt is untouched, so raising the weight
 * only adds contexts: whoever was in stays in.
 */
export function planFlagConfig(current: FlagConfigRecord, plan: PlanParts, weight: number): FlagConfigRecord {
  const rule: Rule = {
    id: planRuleId(plan.id),
    description: `rollout plan: processes below ${plan.minVersion} lack the code`,
    clauses: [{ attribute: 'appVersion', op: 'semverLt', values: [plan.minVersion] }],
    serve: { variation: plan.offVariation },
  };
  return {
    ...current,
    enabled: true,
    offVariation: current.offVariation ?? plan.offVariation,
    rules: [rule, ...current.rules.filter((r) => r.id !== rule.id)],
    fallthrough: {
      rollout: {
        weights: [
          { variation: plan.onVariation, weight },
          { variation: plan.offVariation, weight: BUCKETS - weight },
        ],
      },
    },
  };
}
