import type { RolloutPlanEventEntity } from './rollout-plan-event.entity.js';
import type { RolloutPlanEventModel } from './rollout-plan-event.model.js';
import type { RolloutPlanEntity } from './rollout-plan.entity.js';
import type { RolloutPlanModel } from './rollout-plan.model.js';
import type { PlanLabels } from './rollout-plan.repository.js';

const percent = (weight: number) => weight / 1000;

/** A plan as GraphQL shows it, with its environment, flag and application by key. */
export function rolloutPlanView(p: RolloutPlanEntity, labels: PlanLabels): RolloutPlanModel {
  return {
    id: p.id,
    environment: labels.environment,
    flag: labels.flag,
    application: labels.application,
    minVersion: p.minVersion,
    onVariation: p.onVariation,
    offVariation: p.offVariation,
    steps: p.steps.map((s) => ({
      percent: percent(s.weight),
      bakeSeconds: s.bakeSeconds,
      requiresApproval: s.approval,
    })),
    onFailure: p.onFailure,
    status: p.status,
    statusReason: p.statusReason,
    currentStep: p.step,
    percent: percent(p.weight),
    progress: p.step / p.steps.length,
    stepStartedAt: p.stepStartedAt,
    nextActionAt: p.nextActionAt,
    deploymentId: p.deploymentId,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function rolloutPlanEventView(e: RolloutPlanEventEntity): RolloutPlanEventModel {
  return {
    kind: e.kind,
    cause: e.cause,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    step: e.step,
    percent: percent(e.weight),
    actor: e.actor,
    message: e.message,
    at: e.at,
  };
}
