// Flagstaff's sdk-core in the shared peer benchmark (../shared/bench-peers). The three workload
// flags are written in Flagstaff's own flag model from the shared constants, compiled once, and
// evaluated through the public fast boolean path `booleanValue(key, false, context)`.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const spec = await import(process.env.BENCH_PEERS_SPEC);
const {
  FLAG_KEYS,
  ROLLOUT_PERCENT,
  TARGETED_COUNTRIES,
  TARGETED_PERCENT,
  TARGETED_PLAN,
  TARGETED_RULE_COUNTRY_LISTS,
} = spec;

const here = dirname(fileURLToPath(import.meta.url));
const {
  booleanFlag: flag,
  compile,
  onOffRollout,
  SDK_CORE_VERSION,
} = await import(pathToFileURL(join(here, '../sdk-core/dist/index.js')).href);

export const name = '@flagstaff/sdk-core';
export const packages = [];
export const notes = `sdk-core ${SDK_CORE_VERSION}: compile(snapshot) once, then evaluator.booleanValue(key, false, {targetingKey: userId, country, plan}). Rollouts: murmur3_x86_32("<flag key>:<targetingKey>") % 100000.`;

const percent = (p) => p * 1000; // weights are in units of 0.001 %

export const snapshot = {
  version: 1,
  flags: {
    [FLAG_KEYS.simple]: flag(FLAG_KEYS.simple),
    [FLAG_KEYS.rollout]: flag(FLAG_KEYS.rollout, { fallthrough: onOffRollout(percent(ROLLOUT_PERCENT)) }),
    [FLAG_KEYS.targeted]: flag(FLAG_KEYS.targeted, {
      rules: [
        ...TARGETED_RULE_COUNTRY_LISTS.map((values, i) => ({
          id: `country-${i + 1}`,
          clauses: [{ attribute: 'country', op: 'in', values: [...values] }],
          serve: { variation: 'on' },
        })),
        {
          id: 'us-ca-pro',
          clauses: [
            { attribute: 'country', op: 'in', values: [...TARGETED_COUNTRIES] },
            { attribute: 'plan', op: 'in', values: [TARGETED_PLAN] },
          ],
          serve: onOffRollout(percent(TARGETED_PERCENT)),
        },
      ],
      fallthrough: { variation: 'off' },
    }),
  },
  segments: {},
  config: {},
};

let evaluator;

export async function setup() {
  evaluator = compile(snapshot);
  if (evaluator.problems.length > 0) throw new Error(`sdk-core: ${JSON.stringify(evaluator.problems)}`);
  for (const key of Object.values(FLAG_KEYS)) {
    const d = evaluator.booleanDetail(key, false, { targetingKey: 'user-1', country: 'US', plan: 'pro' });
    if (d.errorCode) throw new Error(`sdk-core: ${key}: ${d.errorCode} ${d.errorMessage}`);
  }
}

export function makeContext(u) {
  return { targetingKey: u.userId, country: u.country, plan: u.plan };
}

export function evalSimple(ctx) {
  return evaluator.booleanValue('simple', false, ctx);
}
export function evalRollout(ctx) {
  return evaluator.booleanValue('rollout', false, ctx);
}
export function evalTargeted(ctx) {
  return evaluator.booleanValue('targeted', false, ctx);
}
