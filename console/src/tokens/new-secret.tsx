import { useState } from 'react';

/** A token's whole secret, shown this once with a way to copy it. */
export function NewSecret({
  name,
  secret,
  onDismiss,
}: {
  name: string;
  secret: string;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="card secret-once" aria-labelledby="secret-once-title" role="alert">
      <h2 id="secret-once-title">Copy the secret of “{name}” now</h2>
      <p>It is shown this once: only a hash is stored, so nobody can show it again.</p>
      <div className="row row--center">
        <code className="secret-once__value" aria-label="The new secret">
          {secret}
        </code>
        <button
          className="button"
          type="button"
          onClick={() =>
            navigator.clipboard.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button className="button button--quiet" type="button" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
    </section>
  );
}
