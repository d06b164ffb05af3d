import { ClauseEditor, type SegmentOption } from '../targeting/clause-editor.js';
import { NEW_CLAUSE } from '../targeting/clause-draft.js';
import { newRuleId, type RuleDraft } from './flag-config-draft.js';
import type { VariationOption } from './rollout-editor.js';
import { ServeEditor } from './serve-editor.js';

/** The ordered rules of a configuration: the first whose conditions all match serves. */
export function RulesEditor({
  rules,
  variations,
  segments,
  onChange,
}: {
  rules: readonly RuleDraft[];
  variations: readonly VariationOption[];
  segments: readonly SegmentOption[];
  onChange: (rules: RuleDraft[]) => void;
}) {
  const update = (index: number, rule: RuleDraft) => onChange(rules.map((r, i) => (i === index ? rule : r)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    onChange(next);
  };
  const add = () =>
    onChange([
      ...rules,
      { id: newRuleId(), clauses: [{ ...NEW_CLAUSE }], serve: { variation: variations[0]?.key ?? '' } },
    ]);

  return (
    <div className="rules">
      {rules.length === 0 && (
        <p className="muted">No rules: every context that no target names gets the default rule.</p>
      )}
      <ol className="rules__list">
        {rules.map((rule, index) => {
          const name = `Rule ${index + 1}`;
          const prefix = `rule-${rule.id}`;
          return (
            <li className="rule" key={rule.id}>
              <div className="rule__header">
                <h3 className="rule__title">{name}</h3>
                <div className="field field--inline field--grow">
                  <label htmlFor={`${prefix}-description`} className="visually-hidden">
                    Description of {name}
                  </label>
                  <input
                    id={`${prefix}-description`}
                    value={rule.description ?? ''}
                    placeholder="What this rule is for (optional)"
                    onChange={(e) => {
                      const { description: _old, ...rest } = rule;
                      update(index, e.target.value ? { ...rest, description: e.target.value } : rest);
                    }}
                  />
                </div>
                <div className="rule__tools">
                  <button
                    type="button"
                    className="button button--quiet button--icon"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`Move ${name} up`}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--icon"
                    disabled={index === rules.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`Move ${name} down`}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--quiet button--danger"
                    onClick={() => onChange(rules.filter((_, i) => i !== index))}
                  >
                    Delete <span className="visually-hidden">{name}</span>
                  </button>
                </div>
              </div>
              <p className="rule__if">If all of these match</p>
              {rule.clauses.map((clause, c) => (
                <ClauseEditor
                  key={c}
                  idPrefix={`${prefix}-clause-${c}`}
                  label={`${name}, condition ${c + 1}`}
                  clause={clause}
                  segments={segments}
                  onChange={(next) =>
                    update(index, { ...rule, clauses: rule.clauses.map((x, j) => (j === c ? next : x)) })
                  }
                  onRemove={() => update(index, { ...rule, clauses: rule.clauses.filter((_, j) => j !== c) })}
                />
              ))}
              <button
                type="button"
                className="button button--small"
                onClick={() => update(index, { ...rule, clauses: [...rule.clauses, { ...NEW_CLAUSE }] })}
              >
                Add a condition <span className="visually-hidden">to {name}</span>
              </button>
              <ServeEditor
                idPrefix={`${prefix}-serve`}
                legend={`${name} serves`}
                serve={rule.serve}
                variations={variations}
                onChange={(serve) => update(index, { ...rule, serve })}
              />
            </li>
          );
        })}
      </ol>
      <button type="button" className="button" onClick={add}>
        Add a rule
      </button>
    </div>
  );
}
