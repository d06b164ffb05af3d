import type { GraphQLRequestError } from '../graphql/graphql-request-error.js';

const DEFAULT_MESSAGES: Record<string, string> = {
  FORBIDDEN: 'Your token’s role does not allow this.',
  NOT_FOUND: 'This does not exist, or your token cannot see it.',
  NETWORK: 'The server cannot be reached. Is it running?',
};

/** An error from the admin API, said plainly, with the server’s problems listed by where they are. */
export function ErrorNotice({
  error,
  messages = {},
  describePath = (path) => path,
}: {
  error: GraphQLRequestError;
  messages?: Record<string, string>;
  describePath?: (path: string) => string;
}) {
  const lead = messages[error.code] ?? DEFAULT_MESSAGES[error.code];
  return (
    <div className="notice notice--error" role="alert">
      <p>
        <strong>{lead ?? error.message}</strong>
        {lead && error.code !== 'NETWORK' && <span className="muted"> ({error.message})</span>}
      </p>
      {error.problems.length > 0 && (
        <ul>
          {error.problems.map((problem) => (
            <li key={`${problem.path} ${problem.code}`}>
              {problem.path && <span className="problem-path">{describePath(problem.path)}: </span>}
              {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
