import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { EvaluateFlagQuery } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { useAction } from '../ui/use-action.js';
import { describePath } from './config-changes.js';
import type { FlagConfigDraft } from './flag-config-draft.js';

const EvaluateFlagQueryDocument = graphql(`
  query EvaluateFlag(
    $project: String!
    $environment: String!
    $flag: String!
    $context: JSON!
    $draft: FlagConfigInput
  ) {
    evaluateFlag(
      project: $project
      environment: $environment
      flag: $flag
      context: $context
      draft: $draft
    ) {
      value
      variant
      reason
      errorCode
      errorMessage
      draftProblems {
        path
        code
        message
      }
      explanation {
        step
        ruleIndex
        bucket
        bucketBy
        bucketFrom
        bucketTo
        targetingKey
        prerequisite {
          flag
          required
          served
          failure
        }
      }
    }
  }
`);

type Evaluation = EvaluateFlagQuery['evaluateFlag'];

const pct = (bucket: number) => `${bucket / 1000} %`;

/** Which part of the flag decided, in a sentence. */
function explain(result: Evaluation): string {
  const e = result.explanation;
  const bucket =
    e.bucket !== null && e.bucketFrom !== null && e.bucketTo !== null
      ? ` ${e.bucketBy ?? 'targetingKey'} hashed to ${pct(e.bucket)}, inside ${pct(e.bucketFrom)}–${pct(e.bucketTo)} of “${result.variant}”.`
      : '';
  switch (e.step) {
    case 'disabled':
      return 'The flag is off here, so it serves its off variation.';
    case 'prerequisite': {
      const p = e.prerequisite;
      return p
        ? `Prerequisite “${p.flag}” had to serve “${p.required}” but ${p.failure === 'disabled' ? 'is off' : p.served ? `served “${p.served}”` : 'failed'}, so this flag serves its off variation.`
        : 'A prerequisite failed, so this flag serves its off variation.';
    }
    case 'target':
      return `“${e.targetingKey}” is an individual target of “${result.variant}”.`;
    case 'rule':
      return `Rule ${(e.ruleIndex ?? 0) + 1} matched.${bucket}`;
    case 'fallthrough':
      return `No target or rule matched: the default rule decided.${bucket}`;
    default:
      return result.errorMessage ?? 'The evaluation failed.';
  }
}

/**
 * Asks the server what an SDK here would get for a context, and why: for the stored
 * configuration, or for the unsaved edit when there is one.
 */
export function TestContextPanel({
  flag,
  environment,
  draft,
}: {
  flag: string;
  environment: string;
  /** The unsaved edit, if any: evaluated instead of what is stored. */
  draft: FlagConfigDraft | null;
}) {
  const project = useProject();
  const [text, setText] = useState('{\n  "targetingKey": "user-42"\n}');
  const [result, setResult] = useState<{ evaluation: Evaluation; ofDraft: boolean } | null>(null);
  const [contextError, setContextError] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const evaluate = async (event: FormEvent) => {
    event.preventDefault();
    let context: unknown;
    try {
      context = JSON.parse(text);
    } catch {
      setContextError('The context must be a JSON object, e.g. {"targetingKey": "user-42"}.');
      return;
    }
    setContextError(null);
    const data = await run(() =>
      request(EvaluateFlagQueryDocument, { project: project.key, environment, flag, context, draft }),
    );
    setResult(data ? { evaluation: data.evaluateFlag, ofDraft: draft !== null } : null);
  };

  const evaluation = result?.evaluation;
  return (
    <section className="card side-card" aria-labelledby="test-context-title">
      <h2 id="test-context-title">Test a context</h2>
      <form onSubmit={evaluate}>
        <div className="field">
          <label htmlFor="test-context">Evaluation context (JSON)</label>
          <textarea
            id="test-context"
            className="code"
            rows={5}
            value={text}
            spellCheck={false}
            aria-invalid={contextError !== null}
            aria-describedby={contextError ? 'test-context-error' : undefined}
            onChange={(e) => setText(e.target.value)}
          />
          {contextError && (
            <p className="text-error" id="test-context-error">
              {contextError}
            </p>
          )}
        </div>
        <button className="button" type="submit" disabled={busy}>
          {busy ? 'Evaluating…' : draft ? 'Evaluate my unsaved edit' : 'Evaluate'}
        </button>
      </form>
      {error && <ErrorNotice error={error} />}
      {evaluation && (
        <div className="evaluation" role="status">
          <dl className="facts">
            <dt>Value</dt>
            <dd>
              <code>
                {evaluation.value === null ? 'the caller’s default' : JSON.stringify(evaluation.value)}
              </code>
            </dd>
            <dt>Variant</dt>
            <dd>{evaluation.variant ?? '—'}</dd>
            <dt>Reason</dt>
            <dd>
              <span className="badge">{evaluation.reason}</span>
              {evaluation.errorCode && <span className="badge badge--danger">{evaluation.errorCode}</span>}
            </dd>
          </dl>
          <p>{explain(evaluation)}</p>
          {result.ofDraft && <p className="hint">Evaluated with your unsaved edit.</p>}
          {evaluation.draftProblems.length > 0 && (
            <ul className="text-error">
              {evaluation.draftProblems.map((p) => (
                <li key={`${p.path} ${p.code}`}>
                  {describePath(p.path)}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
