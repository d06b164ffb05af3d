/** How revisions and plan histories name a plan acting on a flag: `rollout-plan:<id>`. */
export function planActorLabel(planId: string): string {
  return `rollout-plan:${planId}`;
}
