import type { InputChecks } from '../validation/input-checks.js';

/** A number of instances, or a share of them as "N%" (N from 0 to 100), as Kubernetes takes them. */
export type InstanceCount = number | string;

export interface RollingStrategy {
  readonly type: 'rolling';
  readonly maxSurge: InstanceCount;
  readonly maxUnavailable: InstanceCount;
}
export interface BlueGreenStrategy {
  readonly type: 'blue-green';
}
export interface CanaryStrategy {
  readonly type: 'canary';
  /** Traffic weights in percent, each step above the last, from 1 to 100. */
  readonly steps: readonly number[];
}
export type DeploymentStrategy = RollingStrategy | BlueGreenStrategy | CanaryStrategy;

export const STRATEGY_TYPES: readonly DeploymentStrategy['type'][] = ['rolling', 'blue-green', 'canary'];

/** Kubernetes' own default for a Deployment. */
export const DEFAULT_STRATEGY: RollingStrategy = { type: 'rolling', maxSurge: '25%', maxUnavailable: '25%' };

const PERCENT = /^(100|[1-9]?[0-9])%$/;
const MAX_INSTANCES = 100_000;

/**
 * A strategy from a request body, or undefined when `value` is absent; problems are added to
 * `checks` at `path`. Rolling fields left out take the default's.
 */
export function readStrategy(
  checks: InputChecks,
  path: string,
  value: unknown,
): DeploymentStrategy | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    checks.add(
      path,
      'INVALID_STRATEGY',
      'a strategy is an object with a type: rolling, blue-green or canary',
    );
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  const allowed: Record<DeploymentStrategy['type'], readonly string[]> = {
    rolling: ['type', 'maxSurge', 'maxUnavailable'],
    'blue-green': ['type'],
    canary: ['type', 'steps'],
  };
  const type = fields.type as DeploymentStrategy['type'];
  if (!STRATEGY_TYPES.includes(type)) {
    checks.add(`${path}/type`, 'INVALID_STRATEGY', 'type is rolling, blue-green or canary');
    return undefined;
  }
  const before = checks.problems.length;
  for (const name of Object.keys(fields)) {
    if (!allowed[type].includes(name)) {
      checks.add(`${path}/${name}`, 'UNKNOWN_FIELD', `a ${type} strategy has no field ${name}`);
    }
  }
  if (type === 'rolling') {
    const maxSurge = instanceCount(checks, `${path}/maxSurge`, fields.maxSurge ?? DEFAULT_STRATEGY.maxSurge);
    const maxUnavailable = instanceCount(
      checks,
      `${path}/maxUnavailable`,
      fields.maxUnavailable ?? DEFAULT_STRATEGY.maxUnavailable,
    );
    if (isZero(maxSurge) && isZero(maxUnavailable)) {
      checks.add(path, 'INVALID_STRATEGY', 'maxSurge and maxUnavailable cannot both be 0');
    }
    return checks.problems.length === before ? { type, maxSurge, maxUnavailable } : undefined;
  }
  if (type === 'canary') {
    const steps = canarySteps(checks, `${path}/steps`, fields.steps);
    return checks.problems.length === before ? { type, steps } : undefined;
  }
  return checks.problems.length === before ? { type } : undefined;
}

function instanceCount(checks: InputChecks, path: string, value: unknown): InstanceCount {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_INSTANCES)
    return value;
  if (typeof value === 'string' && PERCENT.test(value)) return value;
  checks.add(
    path,
    'INVALID_STRATEGY',
    `an integer from 0 to ${MAX_INSTANCES}, or a percentage such as "25%"`,
  );
  return 0;
}

function isZero(count: InstanceCount): boolean {
  return count === 0 || count === '0%';
}

function canarySteps(checks: InputChecks, path: string, value: unknown): number[] {
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (w, i) =>
        Number.isInteger(w) && w >= 1 && w <= 100 && (i === 0 || (w as number) > (value[i - 1] as number)),
    );
  if (!valid) {
    checks.add(path, 'INVALID_STRATEGY', 'steps are traffic weights from 1 to 100, each above the last');
    return [];
  }
  return value as number[];
}
