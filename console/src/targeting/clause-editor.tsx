import { useState } from 'react';
import type { ClauseDraft } from './clause-draft.js';
import {
  inValueType,
  OPERATOR_CHOICES,
  OPERATOR_ORDER,
  parseValueLines,
  type InValueType,
} from './operators.js';

export interface SegmentOption {
  readonly key: string;
  readonly name: string;
}

/** One condition: attribute, operator (any of sdk-core's), negation and values as the operator takes them. */
export function ClauseEditor({
  idPrefix,
  label,
  clause,
  segments,
  onChange,
  onRemove,
}: {
  idPrefix: string;
  /** e.g. "Rule 2, condition 1": names every field for screen readers. */
  label: string;
  clause: ClauseDraft;
  segments: readonly SegmentOption[];
  onChange: (clause: ClauseDraft) => void;
  onRemove: () => void;
}) {
  const choice = OPERATOR_CHOICES[clause.op];
  const setOp = (op: ClauseDraft['op']) => {
    const kind = OPERATOR_CHOICES[op].kind;
    // Values keep their meaning only between operators that take the same kind of value.
    const keep = kind === choice.kind;
    onChange({
      ...clause,
      op,
      attribute: kind === 'segments' ? '' : clause.attribute,
      values: keep ? clause.values : [],
    });
  };
  return (
    <div className="clause" role="group" aria-label={label}>
      {choice.kind !== 'segments' && (
        <div className="field">
          <label htmlFor={`${idPrefix}-attribute`}>Attribute</label>
          <input
            id={`${idPrefix}-attribute`}
            value={clause.attribute}
            placeholder="e.g. country, user.plan"
            spellCheck={false}
            onChange={(e) => onChange({ ...clause, attribute: e.target.value })}
          />
        </div>
      )}
      <div className="field field--narrow">
        <label htmlFor={`${idPrefix}-negate`}>Is or is not</label>
        <select
          id={`${idPrefix}-negate`}
          value={clause.negate ? 'not' : 'is'}
          onChange={(e) => onChange({ ...clause, negate: e.target.value === 'not' })}
        >
          <option value="is">matches</option>
          <option value="not">does not match</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-op`}>Operator</label>
        <select
          id={`${idPrefix}-op`}
          value={clause.op}
          onChange={(e) => setOp(e.target.value as ClauseDraft['op'])}
        >
          {OPERATOR_ORDER.map((op) => (
            <option key={op} value={op}>
              {OPERATOR_CHOICES[op].label}
            </option>
          ))}
        </select>
      </div>
      {choice.kind === 'segments' ? (
        <fieldset className="field field--grow segment-picker">
          <legend>Segments (any of them)</legend>
          {segments.length === 0 ? (
            <p className="hint">This project has no segments yet: create one under Segments.</p>
          ) : (
            segments.map((segment) => (
              <label className="checkbox" key={segment.key}>
                <input
                  type="checkbox"
                  checked={clause.values.includes(segment.key)}
                  onChange={(e) =>
                    onChange({
                      ...clause,
                      values: e.target.checked
                        ? [...clause.values, segment.key]
                        : clause.values.filter((v) => v !== segment.key),
                    })
                  }
                />
                {segment.name} <code>{segment.key}</code>
              </label>
            ))
          )}
        </fieldset>
      ) : choice.kind === 'none' ? (
        <p className="hint clause__none">The attribute is present (not null).</p>
      ) : (
        <ValuesField idPrefix={idPrefix} clause={clause} onChange={onChange} />
      )}
      <button type="button" className="button button--quiet clause__remove" onClick={onRemove}>
        Remove <span className="visually-hidden">{label}</span>
      </button>
    </div>
  );
}

/** Values one per line; `in` also says whether they compare as text, numbers or booleans. */
function ValuesField({
  idPrefix,
  clause,
  onChange,
}: {
  idPrefix: string;
  clause: ClauseDraft;
  onChange: (clause: ClauseDraft) => void;
}) {
  const choice = OPERATOR_CHOICES[clause.op];
  const [inType, setInType] = useState<InValueType>(() => inValueType(clause.values));
  const asText = clause.values.map(String).join('\n');
  const [text, setText] = useState(asText);
  const [shown, setShown] = useState(asText);
  if (asText !== shown) {
    // Changed from outside (another operator, a reapplied edit): show it, unless it is what was typed.
    setShown(asText);
    if (parseValueLines(text, choice.kind, inType).map(String).join('\n') !== asText) setText(asText);
  }
  return (
    <>
      <div className="field field--grow">
        <label htmlFor={`${idPrefix}-values`}>Values</label>
        <textarea
          id={`${idPrefix}-values`}
          rows={Math.min(6, Math.max(1, text.split('\n').length))}
          value={text}
          placeholder={choice.placeholder}
          spellCheck={false}
          onChange={(e) => {
            setText(e.target.value);
            onChange({ ...clause, values: parseValueLines(e.target.value, choice.kind, inType) });
          }}
        />
      </div>
      {clause.op === 'in' && (
        <div className="field field--narrow">
          <label htmlFor={`${idPrefix}-in-type`}>Compare as</label>
          <select
            id={`${idPrefix}-in-type`}
            value={inType}
            onChange={(e) => {
              const next = e.target.value as InValueType;
              setInType(next);
              onChange({ ...clause, values: parseValueLines(text, choice.kind, next) });
            }}
          >
            <option value="string">text</option>
            <option value="number">numbers</option>
            <option value="boolean">booleans</option>
          </select>
        </div>
      )}
    </>
  );
}
