import type { ServeDraft } from './flag-config-draft.js';
import { RolloutEditor, type VariationOption } from './rollout-editor.js';
import { WEIGHT_TOTAL } from './weights.js';

/** What a rule or the default rule serves: one variation, or a percentage rollout. */
export function ServeEditor({
  idPrefix,
  legend,
  serve,
  variations,
  onChange,
}: {
  idPrefix: string;
  legend: string;
  serve: ServeDraft;
  variations: readonly VariationOption[];
  onChange: (serve: ServeDraft) => void;
}) {
  const isRollout = 'rollout' in serve;
  const toVariation = () => {
    if (!isRollout) return;
    // The variation that had the largest share is what "one variation" most likely means.
    const top = [...serve.rollout.weights].sort((a, b) => b.weight - a.weight)[0]?.variation;
    onChange({ variation: top ?? variations[0]?.key ?? '' });
  };
  const toRollout = () => {
    if (isRollout) return;
    const served = serve.variation || variations[0]?.key || '';
    onChange({
      rollout: {
        weights: variations.map((v) => ({ variation: v.key, weight: v.key === served ? WEIGHT_TOTAL : 0 })),
      },
    });
  };
  return (
    <fieldset className="serve">
      <legend className="serve__legend">{legend}</legend>
      <div className="segmented" role="radiogroup" aria-label={`${legend}: how`}>
        <label className="segmented__option">
          <input type="radio" name={`${idPrefix}-mode`} checked={!isRollout} onChange={toVariation} />
          One variation
        </label>
        <label className="segmented__option">
          <input type="radio" name={`${idPrefix}-mode`} checked={isRollout} onChange={toRollout} />
          Percentage rollout
        </label>
      </div>
      {isRollout ? (
        <RolloutEditor
          idPrefix={idPrefix}
          variations={variations}
          rollout={serve.rollout}
          onChange={(rollout) => onChange({ rollout })}
        />
      ) : (
        <div className="field field--inline">
          <label htmlFor={`${idPrefix}-variation`}>Variation</label>
          <select
            id={`${idPrefix}-variation`}
            value={serve.variation}
            onChange={(e) => onChange({ variation: e.target.value })}
          >
            {variations.map((v) => (
              <option key={v.key} value={v.key}>
                {v.name || v.key}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}
