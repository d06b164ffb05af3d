import { useState, type ReactNode } from 'react';

/**
 * A destructive action asked twice: the first button opens the choice, the second does it.
 * `extra` goes between (e.g. a reason field) and `ready` says whether it is filled in.
 */
export function ConfirmAction({
  label,
  confirmLabel,
  onConfirm,
  small = false,
  extra,
  ready = true,
}: {
  label: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => Promise<boolean | void> | void;
  small?: boolean;
  extra?: ReactNode;
  ready?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const size = small ? ' button--small' : '';
  if (!asking) {
    return (
      <button
        className={`button button--quiet button--danger${size}`}
        type="button"
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <div className="confirm">
      {extra}
      <button
        className={`button button--danger${size}`}
        type="button"
        disabled={!ready}
        onClick={async () => {
          // Stays open when the action failed, so its error can be read and it can be tried again.
          if ((await onConfirm()) !== false) setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button className={`button${size}`} type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </div>
  );
}
