import type { DeploymentsQuery } from '../graphql/generated/graphql.js';

type DeploymentStrategy = DeploymentsQuery['deployments']['nodes'][number]['strategy'];

/** "rolling (surge 25%, unavailable 25%)", "blue-green", "canary 5 → 25 → 100 %". */
export function describeStrategy(strategy: DeploymentStrategy): string {
  if (strategy.type === 'canary' && strategy.steps) return `canary ${strategy.steps.join(' → ')} %`;
  if (strategy.type === 'rolling') {
    return `rolling (surge ${strategy.maxSurge ?? '25%'}, unavailable ${strategy.maxUnavailable ?? '25%'})`;
  }
  return strategy.type;
}
