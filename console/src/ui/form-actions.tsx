/** The submit and cancel buttons that end every form. */
export function FormActions({
  submitLabel,
  busyLabel,
  busy,
  disabled = false,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
  onCancel: () => void;
  cancelLabel?: string;
}) {
  return (
    <div className="actions">
      <button className="button button--primary" type="submit" disabled={busy || disabled}>
        {busy ? busyLabel : submitLabel}
      </button>
      <button className="button" type="button" onClick={onCancel} disabled={busy}>
        {cancelLabel}
      </button>
    </div>
  );
}
