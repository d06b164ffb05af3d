import { BUCKETS, parseSemVer } from '@flagstaff/sdk-core';
import { ENTITY_KEY, SLUG_KEY, type InputChecks } from '../validation/input-checks.js';
import type { CreateRolloutPlanInput } from './dto/create-rollout-plan.input.js';
import type { RolloutStep } from './rollout-plan-status.js';

export const MAX_STEPS = 20;
export const MAX_BAKE_SECONDS = 30 * 86_400;

/**
 * What can be judged of a new plan without the database: keys, the version and the steps. Adds
 * every problem to `checks` and returns the steps as stored (weights in units of 0.001 %).
 */
export function checkRolloutPlanInput(input: CreateRolloutPlanInput, checks: InputChecks): RolloutStep[] {
  checks
    .key('/environment', input.environment, SLUG_KEY)
    .key('/flag', input.flag, ENTITY_KEY)
    .key('/application', input.application, SLUG_KEY);
  if (!parseSemVer(input.minVersion)) {
    checks.add(
      '/minVersion',
      'INVALID_SEMVER',
      `${input.minVersion} is not a semantic version (such as 2.3.0)`,
    );
  }
  if (input.steps.length === 0) checks.add('/steps', 'REQUIRED', 'a plan needs at least one step');
  if (input.steps.length > MAX_STEPS) checks.add('/steps', 'TOO_MANY', `at most ${MAX_STEPS} steps`);
  let previous = 0;
  return input.steps.map((s, i) => {
    const weight = Math.round(s.percent * 1000);
    if (!Number.isFinite(s.percent) || weight <= 0 || weight > BUCKETS) {
      checks.add(`/steps/${i}/percent`, 'OUT_OF_RANGE', 'a percentage is above 0 and at most 100');
    } else if (Math.abs(s.percent * 1000 - weight) > 1e-6) {
      checks.add(`/steps/${i}/percent`, 'INVALID_PRECISION', 'a percentage has at most 3 decimals');
    } else if (weight <= previous) {
      checks.add(`/steps/${i}/percent`, 'NOT_INCREASING', 'each step serves more than the one before');
    }
    previous = Math.max(previous, weight);
    checks.integer(`/steps/${i}/bakeSeconds`, s.bakeSeconds, 0, MAX_BAKE_SECONDS);
    return { weight, bakeSeconds: s.bakeSeconds, approval: s.requiresApproval };
  });
}
