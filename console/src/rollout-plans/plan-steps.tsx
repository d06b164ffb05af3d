import type { RolloutPlanFieldsFragment } from '../graphql/generated/graphql.js';
import { formatDuration } from './format-duration.js';

/** A plan's steps as an ordered list: done, current and still to come, with bake and approval. */
export function PlanSteps({ plan }: { plan: RolloutPlanFieldsFragment }) {
  return (
    <div className="plan-progress">
      <progress
        className="plan-progress__bar"
        value={plan.progress}
        max={1}
        aria-label={`Progress of ${plan.flag}: step ${plan.currentStep} of ${plan.steps.length}`}
      />
      <ol className="plan-steps">
        {plan.steps.map((step, index) => {
          const number = index + 1;
          const state =
            number < plan.currentStep ? 'done' : number === plan.currentStep ? 'current' : 'to come';
          return (
            <li key={number} className={`plan-step plan-step--${state.replace(' ', '-')}`}>
              <span className="plan-step__percent">{step.percent} %</span>
              <span className="muted">
                {' '}
                bake {formatDuration(step.bakeSeconds)}
                {step.requiresApproval && ', needs approval'}
              </span>
              <span className="visually-hidden"> ({state})</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
