import { useState } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { RolloutPlanFieldsFragment, RolloutPlanStatus } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { ConfirmAction } from '../ui/confirm-action.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { useAction } from '../ui/use-action.js';

const ApproveMutation = graphql(`
  mutation ApproveRolloutPlanStep($project: String!, $id: ID!, $reason: String) {
    approveRolloutPlanStep(project: $project, id: $id, reason: $reason) {
      ...RolloutPlanFields
    }
  }
`);
const PauseMutation = graphql(`
  mutation PauseRolloutPlan($project: String!, $id: ID!, $reason: String) {
    pauseRolloutPlan(project: $project, id: $id, reason: $reason) {
      ...RolloutPlanFields
    }
  }
`);
const ResumeMutation = graphql(`
  mutation ResumeRolloutPlan($project: String!, $id: ID!, $reason: String) {
    resumeRolloutPlan(project: $project, id: $id, reason: $reason) {
      ...RolloutPlanFields
    }
  }
`);
const RollBackMutation = graphql(`
  mutation RollBackRolloutPlan($project: String!, $id: ID!, $reason: String) {
    rollBackRolloutPlan(project: $project, id: $id, reason: $reason) {
      ...RolloutPlanFields
    }
  }
`);
const CompleteMutation = graphql(`
  mutation CompleteRolloutPlan($project: String!, $id: ID!, $reason: String) {
    completeRolloutPlan(project: $project, id: $id, reason: $reason) {
      ...RolloutPlanFields
    }
  }
`);
const CancelMutation = graphql(`
  mutation CancelRolloutPlan($project: String!, $id: ID!, $reason: String) {
    cancelRolloutPlan(project: $project, id: $id, reason: $reason) {
      ...RolloutPlanFields
    }
  }
`);

type ActionName = 'approve' | 'pause' | 'resume' | 'rollBack' | 'complete' | 'cancel';

type PlanAction = { project: string; id: string; reason: string | null };

const MUTATIONS: Record<ActionName, (variables: PlanAction) => Promise<unknown>> = {
  approve: (v) => request(ApproveMutation, v),
  pause: (v) => request(PauseMutation, v),
  resume: (v) => request(ResumeMutation, v),
  rollBack: (v) => request(RollBackMutation, v),
  complete: (v) => request(CompleteMutation, v),
  cancel: (v) => request(CancelMutation, v),
};

const FINISHED: readonly RolloutPlanStatus[] = ['COMPLETED', 'CANCELLED'];

/** Which actions a status allows (docs/rollout-plans.md, "States"); the server says CONFLICT otherwise. */
function allowed(status: RolloutPlanStatus): Record<ActionName, boolean> {
  const active = !FINISHED.includes(status);
  return {
    approve: status === 'AWAITING_APPROVAL',
    pause: status === 'WAITING' || status === 'RAMPING' || status === 'AWAITING_APPROVAL',
    resume: status === 'PAUSED' || status === 'ROLLED_BACK',
    rollBack: active && status !== 'ROLLED_BACK',
    complete: active,
    cancel: active,
  };
}

const DONE: Record<ActionName, string> = {
  approve: 'Approved the next step',
  pause: 'Paused',
  resume: 'Resumed',
  rollBack: 'Rolled back to 0 %',
  complete: 'Completed at 100 %',
  cancel: 'Cancelled',
};

/**
 * Steering one plan: approve, pause and resume at once; roll back, complete and cancel asked twice.
 * One reason field serves them all: required in protected environments, optional elsewhere.
 */
export function PlanActions({
  plan,
  onDone,
}: {
  plan: RolloutPlanFieldsFragment;
  onDone: (message: string) => void;
}) {
  const project = useProject();
  const env = project.environment(plan.environment);
  const canEdit = project.canEdit(plan.environment);
  const needsReason = env?.protected ?? false;
  const [reason, setReason] = useState('');
  const action = useAction();
  const can = allowed(plan.status);
  if (FINISHED.includes(plan.status)) return null;
  if (!canEdit) {
    return (
      <p className="notice notice--info" role="note">
        {project.role === 'VIEWER'
          ? 'Viewers can follow plans; editors steer them.'
          : `Only owners steer plans in ${env?.name ?? plan.environment}: it is protected.`}
      </p>
    );
  }

  const act = async (name: ActionName) => {
    const done = await action.run(() =>
      MUTATIONS[name]({ project: project.key, id: plan.id, reason: reason.trim() || null }),
    );
    if (done === undefined) return false;
    setReason('');
    onDone(`${DONE[name]}: ${plan.flag} in ${env?.name ?? plan.environment}.`);
    return true;
  };
  const reasonMissing = needsReason && !reason.trim();
  const id = `plan-${plan.id}-reason`;
  const quiet = (name: ActionName, label: string) =>
    can[name] && (
      <button
        className={name === 'approve' ? 'button button--primary button--small' : 'button button--small'}
        type="button"
        disabled={action.busy || reasonMissing}
        onClick={() => void act(name)}
      >
        {label}
      </button>
    );
  const asked = (name: ActionName, label: string, confirm: string) =>
    can[name] && (
      <ConfirmAction
        small
        label={label}
        confirmLabel={confirm}
        ready={!action.busy && !reasonMissing}
        onConfirm={() => act(name)}
      />
    );

  return (
    <div className="plan-actions">
      <div className="field">
        <label htmlFor={id}>
          Reason{' '}
          <span className="muted">
            {needsReason ? `(required: ${env?.name} is protected)` : '(optional; recorded in the audit log)'}
          </span>
        </label>
        <input
          id={id}
          value={reason}
          required={needsReason}
          maxLength={2000}
          placeholder="e.g. error rate back to normal"
          onChange={(e) => setReason(e.target.value)}
        />
      </div>
      <div className="actions">
        {quiet('approve', 'Approve next step')}
        {quiet('pause', 'Pause')}
        {quiet('resume', 'Resume')}
        {asked('rollBack', 'Roll back…', 'Roll back to 0 % now')}
        {asked('complete', 'Complete…', 'Go to 100 % and finish')}
        {asked('cancel', 'Cancel plan…', 'Cancel the plan, leave the flag')}
      </div>
      {action.error && <ErrorNotice error={action.error} />}
    </div>
  );
}
