import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { ReleaseStage } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { FormActions } from '../ui/form-actions.js';
import { TextField } from '../ui/text-field.js';
import { useAction } from '../ui/use-action.js';
import { enumLabel } from '../ui/enum-label.js';

const PromoteReleaseMutation = graphql(`
  mutation PromoteRelease(
    $project: String!
    $application: String!
    $version: String!
    $stage: ReleaseStage!
    $notes: String
  ) {
    promoteRelease(
      project: $project
      application: $application
      version: $version
      stage: $stage
      notes: $notes
    ) {
      id
      stage
    }
  }
`);

/** alpha → beta → rc → stable: a release only moves forward. */
export const STAGES: readonly ReleaseStage[] = ['ALPHA', 'BETA', 'RC', 'STABLE'];

/** Moves one release to a later stage, with notes kept on its promotions. */
export function PromoteReleaseForm({
  application,
  version,
  stage,
  onDone,
  onCancel,
}: {
  application: string;
  version: string;
  stage: ReleaseStage;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const project = useProject();
  const later = STAGES.slice(STAGES.indexOf(stage) + 1);
  const [target, setTarget] = useState<ReleaseStage>(later[0] ?? 'STABLE');
  const [notes, setNotes] = useState('');
  const promotion = useAction();
  const id = `promote-${application}-${version}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const promoted = await promotion.run(() =>
      request(PromoteReleaseMutation, {
        project: project.key,
        application,
        version,
        stage: target,
        notes: notes.trim() || null,
      }),
    );
    if (promoted) onDone(`Promoted ${application} ${version} to ${enumLabel(target)}.`);
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={`Promote ${application} ${version}`}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-stage`}>Promote to</label>
          <select
            id={`${id}-stage`}
            value={target}
            onChange={(e) => setTarget(e.target.value as ReleaseStage)}
          >
            {later.map((s) => (
              <option key={s} value={s}>
                {enumLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={`${id}-notes`}
          label="Notes"
          hint="Why it moves on, e.g. “a week in beta without incidents”. Kept with the promotion."
          value={notes}
          onValue={setNotes}
          maxLength={2000}
        />
      </div>
      {promotion.error && <ErrorNotice error={promotion.error} />}
      <FormActions submitLabel="Promote" busyLabel="Promoting…" busy={promotion.busy} onCancel={onCancel} />
    </form>
  );
}
