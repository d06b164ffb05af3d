import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { RolloutFailureAction } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { FormActions } from '../ui/form-actions.js';
import { TextField } from '../ui/text-field.js';
import { useAction } from '../ui/use-action.js';

const PlanChoicesQuery = graphql(`
  query RolloutPlanChoices($project: String!) {
    flags(project: $project, first: 100) {
      nodes {
        key
        name
      }
    }
    applications(project: $project) {
      key
      name
    }
  }
`);

const CreateRolloutPlanMutation = graphql(`
  mutation CreateRolloutPlan($project: String!, $input: CreateRolloutPlanInput!, $reason: String) {
    createRolloutPlan(project: $project, input: $input, reason: $reason) {
      id
      flag
    }
  }
`);

interface StepDraft {
  readonly percent: string;
  readonly bakeSeconds: string;
  readonly requiresApproval: boolean;
}

/** A common ramp to start from: people edit it rather than type five rows. */
const DEFAULT_STEPS: readonly StepDraft[] = [
  { percent: '1', bakeSeconds: '600', requiresApproval: false },
  { percent: '5', bakeSeconds: '600', requiresApproval: false },
  { percent: '25', bakeSeconds: '1800', requiresApproval: true },
  { percent: '50', bakeSeconds: '1800', requiresApproval: false },
  { percent: '100', bakeSeconds: '0', requiresApproval: false },
];

/** "/steps/2/percent" → "Step 3, percent": the server's problem paths in the form's words. */
const describePath = (path: string) =>
  path.replace(
    /^\/steps\/(\d+)\/?(.*)$/,
    (_, index: string, field: string) => `Step ${Number(index) + 1}${field ? `, ${field}` : ''}`,
  );

/** A new rollout plan of a flag in this environment; the server checks everything and says where. */
export function CreatePlanForm({
  environment,
  onCreated,
  onCancel,
}: {
  environment: string;
  onCreated: (flag: string) => void;
  onCancel: () => void;
}) {
  const project = useProject();
  const env = project.environment(environment);
  const choices = useQuery(PlanChoicesQuery, { project: project.key });
  const [flag, setFlag] = useState('');
  const [application, setApplication] = useState('');
  const [minVersion, setMinVersion] = useState('');
  const [onFailure, setOnFailure] = useState<RolloutFailureAction>('PAUSE');
  const [steps, setSteps] = useState<readonly StepDraft[]>(DEFAULT_STEPS);
  const [reason, setReason] = useState('');
  const creation = useAction();
  const needsReason = env?.protected ?? false;
  const flags = choices.data?.flags.nodes ?? [];
  const applications = choices.data?.applications ?? [];

  const setStep = (index: number, change: Partial<StepDraft>) =>
    setSteps((all) => all.map((s, i) => (i === index ? { ...s, ...change } : s)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await creation.run(() =>
      request(CreateRolloutPlanMutation, {
        project: project.key,
        reason: reason.trim() || null,
        input: {
          environment,
          flag,
          application,
          minVersion: minVersion.trim(),
          onFailure,
          steps: steps.map((s) => ({
            percent: Number(s.percent),
            bakeSeconds: Number(s.bakeSeconds || 0),
            requiresApproval: s.requiresApproval,
          })),
        },
      }),
    );
    if (created) onCreated(created.createRolloutPlan.flag);
  };

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="new-plan-title">
      <h2 id="new-plan-title">New rollout plan in {env?.name ?? environment}</h2>
      {choices.error && <ErrorNotice error={choices.error} />}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="plan-flag">Flag</label>
          <select id="plan-flag" required value={flag} onChange={(e) => setFlag(e.target.value)}>
            <option value="">Choose a flag</option>
            {flags.map((f) => (
              <option key={f.key} value={f.key}>
                {f.name} ({f.key})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-application">Application</label>
          <select
            id="plan-application"
            required
            value={application}
            aria-describedby="plan-application-hint"
            onChange={(e) => setApplication(e.target.value)}
          >
            <option value="">Choose an application</option>
            {applications.map((a) => (
              <option key={a.key} value={a.key}>
                {a.name}
              </option>
            ))}
          </select>
          <p className="hint" id="plan-application-hint">
            {applications.length === 0 && choices.data
              ? 'No applications yet: a pipeline makes one by recording its first artifact.'
              : 'The ramp starts when a deployment of it succeeds here.'}
          </p>
        </div>
        <TextField
          id="plan-min-version"
          label="Minimum version"
          hint="The first version that carries the feature, e.g. 2.3.0; older processes get the off variation."
          required
          value={minVersion}
          onValue={setMinVersion}
        />
        <div className="field">
          <label htmlFor="plan-on-failure">When the deployment fails or health breaches</label>
          <select
            id="plan-on-failure"
            value={onFailure}
            onChange={(e) => setOnFailure(e.target.value as RolloutFailureAction)}
          >
            <option value="PAUSE">Pause where it is</option>
            <option value="ROLLBACK">Roll back to 0 %</option>
          </select>
        </div>
      </div>
      <fieldset className="plan-steps-editor">
        <legend>Steps</legend>
        <table className="table">
          <caption className="visually-hidden">Steps of the new plan</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Percent</th>
              <th scope="col">Bake (seconds)</th>
              <th scope="col">Needs approval</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step, index) => (
              <tr key={index}>
                <th scope="row">{index + 1}</th>
                <td>
                  <input
                    aria-label={`Step ${index + 1} percent`}
                    type="number"
                    min={0.001}
                    max={100}
                    step={0.001}
                    required
                    value={step.percent}
                    onChange={(e) => setStep(index, { percent: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Step ${index + 1} bake seconds`}
                    type="number"
                    min={0}
                    step={1}
                    value={step.bakeSeconds}
                    onChange={(e) => setStep(index, { bakeSeconds: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`Step ${index + 1} needs approval`}
                    type="checkbox"
                    checked={step.requiresApproval}
                    onChange={(e) => setStep(index, { requiresApproval: e.target.checked })}
                  />
                </td>
                <td>
                  {steps.length > 1 && (
                    <button
                      className="button button--small button--quiet"
                      type="button"
                      onClick={() => setSteps((all) => all.filter((_, i) => i !== index))}
                    >
                      Remove <span className="visually-hidden">step {index + 1}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {steps.length < 20 && (
          <button
            className="button button--small"
            type="button"
            onClick={() =>
              setSteps((all) => [...all, { percent: '100', bakeSeconds: '0', requiresApproval: false }])
            }
          >
            Add a step
          </button>
        )}
      </fieldset>
      <TextField
        id="plan-reason"
        label={needsReason ? `Reason (required: ${env?.name} is protected)` : 'Reason (optional)'}
        wide
        required={needsReason}
        maxLength={2000}
        value={reason}
        onValue={setReason}
      />
      {creation.error && <ErrorNotice error={creation.error} describePath={describePath} />}
      <FormActions
        submitLabel="Create plan"
        busyLabel="Creating…"
        busy={creation.busy}
        disabled={needsReason && !reason.trim()}
        onCancel={onCancel}
      />
    </form>
  );
}
