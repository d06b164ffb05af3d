export interface Change {
  readonly path: string;
  readonly op: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const OP_LABELS: Record<string, string> = { add: 'added', remove: 'removed', replace: 'changed' };

/**
 * A structured diff as a table: what changed (a path, said in words by `describe`), before and
 * after (said by `format`). Used before saving, for copy previews, conflicts and the audit log.
 */
export function DiffList({
  changes,
  describe = (path) => path || 'Everything',
  format = (value) => (value === undefined || value === null ? '—' : JSON.stringify(value)),
  caption,
}: {
  changes: readonly Change[];
  describe?: (path: string) => string;
  format?: (value: unknown, path: string) => string;
  caption: string;
}) {
  if (changes.length === 0) return <p className="muted">No differences.</p>;
  return (
    <table className="diff">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change, i) => (
          <tr key={`${change.path} ${i}`} className={`diff__row diff__row--${change.op}`}>
            <th scope="row">
              <span className={`diff__op diff__op--${change.op}`}>{OP_LABELS[change.op] ?? change.op}</span>{' '}
              {describe(change.path)}
            </th>
            <td className="diff__before">{change.op === 'add' ? '—' : format(change.before, change.path)}</td>
            <td className="diff__after">
              {change.op === 'remove' ? '—' : format(change.after, change.path)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
