import { useState, type FormEvent } from 'react';
import { useProject } from '../app/project-context.js';
import { graphql } from '../graphql/generated/gql.js';
import type { SegmentKeyList } from '../graphql/generated/graphql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { useAction } from '../ui/use-action.js';

const SegmentKeysQuery = graphql(`
  query SegmentKeys(
    $project: String!
    $segment: String!
    $list: SegmentKeyList!
    $search: String
    $after: String
  ) {
    segment(project: $project, key: $segment) {
      keys(list: $list, first: 100, search: $search, after: $after) {
        nodes
        pageInfo {
          endCursor
          hasNextPage
        }
      }
    }
  }
`);

const AddKeysMutation = graphql(`
  mutation AddSegmentKeys(
    $project: String!
    $segment: String!
    $list: SegmentKeyList!
    $keys: [String!]!
    $expectedVersion: Int!
  ) {
    addSegmentKeys(
      project: $project
      segment: $segment
      list: $list
      keys: $keys
      expectedVersion: $expectedVersion
    ) {
      version
    }
  }
`);

const RemoveKeysMutation = graphql(`
  mutation RemoveSegmentKeys(
    $project: String!
    $segment: String!
    $list: SegmentKeyList!
    $keys: [String!]!
    $expectedVersion: Int!
  ) {
    removeSegmentKeys(
      project: $project
      segment: $segment
      list: $list
      keys: $keys
      expectedVersion: $expectedVersion
    ) {
      version
    }
  }
`);

const LISTS: ReadonlyArray<{ list: SegmentKeyList; label: string }> = [
  { list: 'INCLUDED', label: 'Included' },
  { list: 'EXCLUDED', label: 'Excluded' },
];

/** The segment's key lists, a page at a time (they hold up to 100,000 keys each). */
export function SegmentKeys({
  segment,
  version,
  counts,
  canEdit,
  onChanged,
}: {
  segment: string;
  version: number;
  counts: Record<SegmentKeyList, number>;
  canEdit: boolean;
  onChanged: (message: string) => void;
}) {
  const project = useProject();
  const [list, setList] = useState<SegmentKeyList>('INCLUDED');
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const [adding, setAdding] = useState('');
  const { error, run } = useAction();
  const keys = useQuery(
    SegmentKeysQuery,
    { project: project.key, segment, list, search: search || null, after },
    { refreshKey: version },
  );

  const write = async (action: 'add' | 'remove', values: string[], message: string) => {
    const variables = { project: project.key, segment, list, keys: values, expectedVersion: version };
    const done = await run(async () => {
      if (action === 'add') await request(AddKeysMutation, variables);
      else await request(RemoveKeysMutation, variables);
      return true;
    });
    if (done) onChanged(message);
    return done === true;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const values = adding
      .split(/[\n,]/)
      .map((k) => k.trim())
      .filter(Boolean);
    if (values.length === 0) return;
    if (await write('add', values, `Added ${values.length} key(s) to the ${list.toLowerCase()} list.`)) {
      setAdding('');
    }
  };

  const page = keys.data?.segment.keys;
  return (
    <section className="card" aria-labelledby="segment-keys-title">
      <h2 id="segment-keys-title">Listed keys</h2>
      <div className="segmented" role="tablist" aria-label="Key list">
        {LISTS.map((l) => (
          <button
            key={l.list}
            type="button"
            role="tab"
            aria-selected={list === l.list}
            className={`segmented__option ${list === l.list ? 'segmented__option--current' : ''}`}
            onClick={() => {
              setList(l.list);
              setAfter(null);
            }}
          >
            {l.label} ({counts[l.list].toLocaleString()})
          </button>
        ))}
      </div>
      <p className="muted">
        {list === 'INCLUDED'
          ? 'targetingKeys always in the segment, whatever the rules say.'
          : 'targetingKeys never in the segment, whatever the rules say.'}
      </p>
      <div className="field field--inline">
        <label htmlFor="segment-key-search">Find a key</label>
        <input
          id="segment-key-search"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setAfter(null);
          }}
        />
      </div>
      {error && <ErrorNotice error={error} />}
      {keys.error && <ErrorNotice error={keys.error} />}
      {keys.loading ? (
        <Loading what="keys" />
      ) : page && page.nodes.length > 0 ? (
        <ul className="key-list">
          {page.nodes.map((key) => (
            <li key={key}>
              <code>{key}</code>
              {canEdit && (
                <button
                  type="button"
                  className="button button--quiet button--small"
                  onClick={() => write('remove', [key], `Removed ${key}.`)}
                >
                  Remove <span className="visually-hidden">{key}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{search ? 'No key matches.' : 'This list is empty.'}</p>
      )}
      {page?.pageInfo.hasNextPage && (
        <button
          className="button button--small"
          type="button"
          onClick={() => setAfter(page.pageInfo.endCursor)}
        >
          Next 100 keys
        </button>
      )}
      {after && (
        <button className="button button--small button--quiet" type="button" onClick={() => setAfter(null)}>
          Back to the first keys
        </button>
      )}
      {canEdit && (
        <form className="row row--end" onSubmit={add}>
          <div className="field field--grow">
            <label htmlFor="segment-add-keys">Add keys to the {list.toLowerCase()} list</label>
            <textarea
              id="segment-add-keys"
              rows={2}
              value={adding}
              placeholder="user-1, user-2 or one per line"
              onChange={(e) => setAdding(e.target.value)}
            />
          </div>
          <button className="button" type="submit" disabled={!adding.trim()}>
            Add keys
          </button>
        </form>
      )}
    </section>
  );
}
