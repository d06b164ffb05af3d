/**
 * What the last action did ("Saved in Staging: version 4."), in a live region that is always in
 * the page, so screen readers announce each new message.
 */
export function StatusMessage({ message }: { message: string }) {
  return (
    <div role="status" aria-live="polite">
      {message && <p className="notice notice--success">{message}</p>}
    </div>
  );
}
