import type { InputHTMLAttributes } from 'react';

/** A labelled text input, with an optional hint the input is described by. */
export function TextField({
  id,
  label,
  hint,
  wide = false,
  onValue,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange'> & {
  id: string;
  label: string;
  hint?: string;
  /** Spans the whole row of a form grid. */
  wide?: boolean;
  onValue: (value: string) => void;
}) {
  return (
    <div className={wide ? 'field field--wide' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onValue(e.target.value)}
        {...input}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
