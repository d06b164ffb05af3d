import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import { useQuery } from '../graphql/use-query.js';
import { DiffList } from '../ui/diff-list.js';
import { configChanges, describePath, formatValue } from './config-changes.js';
import type { FlagConfigDraft } from './flag-config-draft.js';

const LatestChangesQuery = graphql(`
  query LatestConfigRevisions($project: String!, $flag: String!, $environment: String!) {
    revisions(
      project: $project
      entityType: "flagConfig"
      entityKey: $flag
      environment: $environment
      first: 5
    ) {
      nodes {
        id
        actor
        reason
        createdAt
      }
    }
  }
`);

/**
 * Someone saved this configuration after you started editing: what they changed, who and why,
 * what you changed, and the choice to reapply yours on top of theirs or to drop it.
 */
export function ConflictView({
  flag,
  environment,
  base,
  mine,
  theirs,
  theirVersion,
  baseVersion,
  onReapply,
  onDiscard,
}: {
  flag: string;
  environment: string;
  base: FlagConfigDraft;
  mine: FlagConfigDraft;
  theirs: FlagConfigDraft;
  theirVersion: number;
  baseVersion: number;
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const project = useProject();
  const latest = useQuery(
    LatestChangesQuery,
    { project: project.key, flag, environment },
    { refreshKey: theirVersion },
  );
  const theirChanges = configChanges(base, theirs);
  const myChanges = configChanges(base, mine);
  const others = latest.data?.revisions.nodes ?? [];
  return (
    <section className="card conflict" aria-labelledby="conflict-title" role="alert">
      <h2 id="conflict-title">Someone else changed this configuration while you were editing</h2>
      <p>
        You started from version {baseVersion}; it is at version {theirVersion} now. Your edit is kept: look
        at both changes, then reapply yours on top of theirs or drop it.
      </p>
      {others.length > 0 && (
        <p className="muted">
          Latest change by <strong>{others[0]!.actor}</strong> at{' '}
          {new Date(others[0]!.createdAt).toLocaleString()}
          {others[0]!.reason ? `: “${others[0]!.reason}”` : ' (no reason given)'}.
        </p>
      )}
      <h3>Their changes</h3>
      <DiffList
        caption="Their changes"
        changes={theirChanges}
        describe={(path) => describePath(path, theirs)}
        format={formatValue}
      />
      <h3>Your changes</h3>
      <DiffList
        caption="Your changes"
        changes={myChanges}
        describe={(path) => describePath(path, mine)}
        format={formatValue}
      />
      <div className="actions">
        <button className="button button--primary" type="button" onClick={onReapply}>
          Reapply my changes on their version
        </button>
        <button className="button" type="button" onClick={onDiscard}>
          Drop my changes
        </button>
      </div>
    </section>
  );
}
