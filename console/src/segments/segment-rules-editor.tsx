import { ClauseEditor, type SegmentOption } from '../targeting/clause-editor.js';
import { NEW_CLAUSE } from '../targeting/clause-draft.js';
import { percentToWeight, weightToPercent, WEIGHT_TOTAL } from '../flags/weights.js';
import type { SegmentRuleDraft } from './segment-draft.js';

/** A segment's rules: any matching rule puts a context in, or only a share of the matching ones. */
export function SegmentRulesEditor({
  rules,
  segments,
  onChange,
}: {
  rules: readonly SegmentRuleDraft[];
  segments: readonly SegmentOption[];
  onChange: (rules: SegmentRuleDraft[]) => void;
}) {
  const update = (index: number, rule: SegmentRuleDraft) =>
    onChange(rules.map((r, i) => (i === index ? rule : r)));
  return (
    <div className="rules">
      {rules.length === 0 && <p className="muted">No rules: only the listed keys are in the segment.</p>}
      <ol className="rules__list">
        {rules.map((rule, index) => {
          const name = `Segment rule ${index + 1}`;
          return (
            <li className="rule" key={index}>
              <div className="rule__header">
                <h3 className="rule__title">{name}</h3>
                <button
                  type="button"
                  className="button button--quiet button--danger"
                  onClick={() => onChange(rules.filter((_, i) => i !== index))}
                >
                  Delete <span className="visually-hidden">{name}</span>
                </button>
              </div>
              {rule.clauses.map((clause, c) => (
                <ClauseEditor
                  key={c}
                  idPrefix={`segment-rule-${index}-clause-${c}`}
                  label={`${name}, condition ${c + 1}`}
                  clause={clause}
                  segments={segments}
                  onChange={(next) =>
                    update(index, { ...rule, clauses: rule.clauses.map((x, j) => (j === c ? next : x)) })
                  }
                  onRemove={() => update(index, { ...rule, clauses: rule.clauses.filter((_, j) => j !== c) })}
                />
              ))}
              <div className="row row--center">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => update(index, { ...rule, clauses: [...rule.clauses, { ...NEW_CLAUSE }] })}
                >
                  Add a condition <span className="visually-hidden">to {name}</span>
                </button>
                <div className="field field--inline">
                  <label htmlFor={`segment-rule-${index}-share`}>Share of matching contexts (%)</label>
                  <input
                    id={`segment-rule-${index}-share`}
                    type="number"
                    min={0}
                    max={100}
                    step={0.001}
                    value={weightToPercent(rule.rollout?.weight ?? WEIGHT_TOTAL)}
                    onChange={(e) => {
                      const weight = percentToWeight(e.target.value);
                      if (weight === null) return;
                      const { rollout: _old, ...rest } = rule;
                      update(
                        index,
                        weight === WEIGHT_TOTAL ? rest : { ...rest, rollout: { ...rule.rollout, weight } },
                      );
                    }}
                  />
                </div>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="button"
        onClick={() => onChange([...rules, { clauses: [{ ...NEW_CLAUSE }] }])}
      >
        Add a segment rule
      </button>
    </div>
  );
}
