import { useState } from 'react';
import type { RolloutDraft } from './flag-config-draft.js';
import { percentToWeight, setWeight, weightToPercent, WEIGHT_TOTAL } from './weights.js';

export interface VariationOption {
  readonly key: string;
  readonly name: string | null;
}

/**
 * A percentage rollout: a slider and a number per variation. Moving one share moves the others
 * in proportion, so the weights always sum to 100 %.
 */
export function RolloutEditor({
  idPrefix,
  variations,
  rollout,
  onChange,
}: {
  idPrefix: string;
  variations: readonly VariationOption[];
  rollout: RolloutDraft;
  onChange: (rollout: RolloutDraft) => void;
}) {
  const weights = variations.map((v) => rollout.weights.find((w) => w.variation === v.key)?.weight ?? 0);
  const change = (index: number, weight: number) => {
    const next = setWeight(weights, index, weight);
    onChange({ ...rollout, weights: variations.map((v, i) => ({ variation: v.key, weight: next[i]! })) });
  };
  const total = weights.reduce((a, b) => a + b, 0);
  return (
    <div className="rollout">
      {variations.map((variation, i) => {
        const label = variation.name || variation.key;
        return (
          <div className="rollout__row" key={variation.key}>
            <label className="rollout__label" htmlFor={`${idPrefix}-pct-${i}`}>
              {label}
            </label>
            <input
              className="rollout__slider"
              type="range"
              min={0}
              max={100}
              step={0.1}
              value={weights[i]! / 1000}
              aria-label={`Share of ${label}`}
              aria-valuetext={`${weightToPercent(weights[i]!)} %`}
              onChange={(e) => change(i, Math.round(Number(e.target.value) * 1000))}
            />
            <PercentInput
              id={`${idPrefix}-pct-${i}`}
              weight={weights[i]!}
              onCommit={(weight) => change(i, weight)}
            />
          </div>
        );
      })}
      <div className="rollout__footer">
        <span className={total === WEIGHT_TOTAL ? 'muted' : 'text-error'}>
          Total {weightToPercent(total)} %
        </span>
        <div className="field field--inline">
          <label htmlFor={`${idPrefix}-bucket-by`}>Bucket by</label>
          <input
            id={`${idPrefix}-bucket-by`}
            value={rollout.bucketBy ?? ''}
            placeholder="targetingKey"
            spellCheck={false}
            onChange={(e) => {
              const { bucketBy: _dropped, ...rest } = rollout;
              onChange(e.target.value ? { ...rest, bucketBy: e.target.value } : rest);
            }}
          />
        </div>
      </div>
    </div>
  );
}

/** A percentage field that keeps what is being typed and commits each valid number. */
function PercentInput({
  id,
  weight,
  onCommit,
}: {
  id: string;
  weight: number;
  onCommit: (weight: number) => void;
}) {
  const [text, setText] = useState(weightToPercent(weight));
  const [shown, setShown] = useState(weight);
  if (shown !== weight) {
    setShown(weight);
    setText(weightToPercent(weight));
  }
  return (
    <span className="percent-input">
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        max={100}
        step={0.001}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = percentToWeight(e.target.value);
          if (parsed !== null) onCommit(parsed);
        }}
        onBlur={() => setText(weightToPercent(weight))}
      />
      <span aria-hidden="true">%</span>
    </span>
  );
}
