import type { FlagConfigDraft } from './flag-config-draft.js';

type Prerequisites = FlagConfigDraft['prerequisites'];

export interface PrerequisiteFlag {
  readonly key: string;
  readonly name: string;
  readonly variations: ReadonlyArray<{ key: string; name: string | null }>;
}

/** Flags that must be on and serve a given variation, or this one serves its off variation. */
export function PrerequisitesEditor({
  prerequisites,
  flags,
  onChange,
}: {
  prerequisites: Prerequisites;
  /** The project's other flags. */
  flags: readonly PrerequisiteFlag[];
  onChange: (prerequisites: Prerequisites) => void;
}) {
  const update = (index: number, next: Prerequisites[number]) =>
    onChange(prerequisites.map((p, i) => (i === index ? next : p)));
  const unused = flags.find((f) => !prerequisites.some((p) => p.flag === f.key));
  return (
    <div className="prerequisites">
      {prerequisites.length === 0 && <p className="muted">None: this flag does not depend on another.</p>}
      {prerequisites.map((prerequisite, i) => {
        const flag = flags.find((f) => f.key === prerequisite.flag);
        return (
          <div className="row" key={i} role="group" aria-label={`Prerequisite ${i + 1}`}>
            <div className="field">
              <label htmlFor={`prerequisite-${i}-flag`}>Flag</label>
              <select
                id={`prerequisite-${i}-flag`}
                value={prerequisite.flag}
                onChange={(e) => {
                  const next = flags.find((f) => f.key === e.target.value);
                  update(i, { flag: e.target.value, variation: next?.variations[0]?.key ?? '' });
                }}
              >
                {!flag && <option value={prerequisite.flag}>{prerequisite.flag} (not found)</option>}
                {flags.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.name} ({f.key})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`prerequisite-${i}-variation`}>must serve</label>
              <select
                id={`prerequisite-${i}-variation`}
                value={prerequisite.variation}
                onChange={(e) => update(i, { ...prerequisite, variation: e.target.value })}
              >
                {(flag?.variations ?? [{ key: prerequisite.variation, name: null }]).map((v) => (
                  <option key={v.key} value={v.key}>
                    {v.name || v.key}
                  </option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className="button button--quiet button--danger"
              onClick={() => onChange(prerequisites.filter((_, j) => j !== i))}
            >
              Remove <span className="visually-hidden">prerequisite {i + 1}</span>
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="button button--small"
        disabled={!unused}
        onClick={() =>
          unused &&
          onChange([...prerequisites, { flag: unused.key, variation: unused.variations[0]?.key ?? '' }])
        }
      >
        Add a prerequisite
      </button>
    </div>
  );
}
