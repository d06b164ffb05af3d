import { useState } from 'react';
import type { FlagConfigDraft } from './flag-config-draft.js';
import type { VariationOption } from './rollout-editor.js';

type Targets = FlagConfigDraft['targets'];

const keysOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((k) => k.trim())
    .filter(Boolean);

/** Individual targets: per variation, the targetingKeys that always get it. */
export function TargetsEditor({
  targets,
  variations,
  onChange,
}: {
  targets: Targets;
  variations: readonly VariationOption[];
  onChange: (targets: Targets) => void;
}) {
  const set = (variation: string, values: string[]) => {
    const others = targets.filter((t) => t.variation !== variation);
    // Variation order, with empty lists left out: the API's targets are only the non-empty ones.
    const next = variations
      .map((v) => (v.key === variation ? { variation, values } : others.find((t) => t.variation === v.key)))
      .filter((t): t is Targets[number] => t !== undefined && t.values.length > 0);
    onChange(next);
  };
  return (
    <div className="targets">
      {variations.map((v) => (
        <KeysField
          key={v.key}
          id={`targets-${v.key}`}
          label={`Serve “${v.name || v.key}” to`}
          values={targets.find((t) => t.variation === v.key)?.values ?? []}
          onChange={(values) => set(v.key, values)}
        />
      ))}
    </div>
  );
}

/** targetingKeys, one per line or separated by commas, keeping what is typed. */
function KeysField({
  id,
  label,
  values,
  onChange,
}: {
  id: string;
  label: string;
  values: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const joined = values.join('\n');
  const [text, setText] = useState(joined);
  const [shown, setShown] = useState(joined);
  if (joined !== shown) {
    setShown(joined);
    if (keysOf(text).join('\n') !== joined) setText(joined);
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={Math.min(5, Math.max(2, text.split('\n').length))}
        value={text}
        placeholder="targetingKeys, one per line"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          onChange(keysOf(e.target.value));
        }}
      />
    </div>
  );
}
