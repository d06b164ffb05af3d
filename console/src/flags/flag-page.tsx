import { useEffect, useMemo, useState } from 'react';
import { useProject } from '../app/project-context.js';
import { paths } from '../app/routes.js';
import { graphql } from '../graphql/generated/gql.js';
import { request } from '../graphql/request.js';
import { useQuery } from '../graphql/use-query.js';
import { Link } from '../router/link.js';
import { setLeaveGuard } from '../router/router.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { StatusMessage } from '../ui/status-message.js';
import { useAction } from '../ui/use-action.js';
import { configChanges, describePath, formatValue } from './config-changes.js';
import { ConflictView } from './conflict-view.js';
import { CopyConfigPanel } from './copy-config-panel.js';
import { draftOf, type FlagConfigDraft } from './flag-config-draft.js';
import { FlagHeader } from './flag-header.js';
import { PrerequisitesEditor } from './prerequisites-editor.js';
import { reapply } from './reapply.js';
import { RulesEditor } from './rules-editor.js';
import { SaveReview } from './save-review.js';
import { ServeEditor } from './serve-editor.js';
import { TargetsEditor } from './targets-editor.js';
import { TestContextPanel } from './test-context-panel.js';

const FlagPageQuery = graphql(`
  query FlagPage($project: String!, $flag: String!, $environment: String!) {
    flag(project: $project, key: $flag) {
      key
      name
      description
      kind
      temporary
      archived
      tags
      owner
      version
      variations {
        key
        name
        value
      }
      configs {
        environment
        enabled
        rolloutShare
      }
      config(environment: $environment) {
        ...FlagConfigFields
      }
    }
    segments(project: $project, first: 100) {
      nodes {
        key
        name
      }
    }
    flags(project: $project, first: 100, archived: false) {
      nodes {
        key
        name
        variations {
          key
          name
        }
      }
    }
  }
`);

const UpdateFlagConfigMutation = graphql(`
  mutation UpdateFlagConfig(
    $project: String!
    $environment: String!
    $flag: String!
    $expectedVersion: Int!
    $reason: String
    $input: FlagConfigInput!
  ) {
    updateFlagConfig(
      project: $project
      environment: $environment
      flag: $flag
      expectedVersion: $expectedVersion
      reason: $reason
      input: $input
    ) {
      version
    }
  }
`);

/** An edit in progress: the stored configuration it started from, and the edit itself. */
interface Edit {
  readonly base: FlagConfigDraft;
  readonly baseVersion: number;
  readonly draft: FlagConfigDraft;
}

const isDirty = (edit: Edit | null): edit is Edit =>
  edit !== null && configChanges(edit.base, edit.draft).length > 0;

/**
 * One flag in one environment: everything that decides what it serves there, edited as a draft,
 * reviewed as a diff, saved with the version it started from. The page refreshes when the
 * environment's version moves, but never over an unsaved edit: that becomes the conflict view.
 */
export function FlagPage({ flagKey, environment }: { flagKey: string; environment: string }) {
  const project = useProject();
  const env = project.environment(environment);
  const page = useQuery(
    FlagPageQuery,
    { project: project.key, flag: flagKey, environment },
    { refreshKey: env?.version },
  );
  const [edit, setEdit] = useState<Edit | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const saving = useAction();
  const [status, setStatus] = useState('');

  const flag = page.data?.flag;
  const config = flag?.config;
  const stored = useMemo(() => (config ? draftOf(config) : null), [config]);
  const dirty = isDirty(edit);
  const changes = dirty ? configChanges(edit.base, edit.draft) : [];
  const conflicted = dirty && config !== undefined && config.version !== edit.baseVersion;

  useEffect(() => {
    if (!dirty) return;
    const message = 'You have unsaved changes to this flag. Leave without saving them?';
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', beforeUnload);
    setLeaveGuard(() => message);
    return () => {
      window.removeEventListener('beforeunload', beforeUnload);
      setLeaveGuard(null);
    };
  }, [dirty]);

  if (!flag || !config || !stored) {
    return page.error ? (
      <>
        <p>
          <Link to={paths.flags(project.key)}>← Flags</Link>
        </p>
        <ErrorNotice
          error={page.error}
          messages={{ NOT_FOUND: `There is no flag “${flagKey}” in ${project.name}.` }}
        />
      </>
    ) : (
      <Loading what="the flag" />
    );
  }

  const canEdit = project.canEdit(environment) && !flag.archived;
  const shown = dirty ? edit.draft : stored;
  const variations = flag.variations.map((v) => ({ key: v.key, name: v.name }));
  const segments = page.data?.segments.nodes ?? [];
  const otherFlags = (page.data?.flags.nodes ?? []).filter((f) => f.key !== flag.key);

  /** Every change goes through here: the first one starts an edit from what is stored. */
  const change = (update: (draft: FlagConfigDraft) => FlagConfigDraft) => {
    setStatus('');
    setEdit((current) => {
      const start = isDirty(current) ? current : { base: stored, baseVersion: config.version, draft: stored };
      return { ...start, draft: update(structuredClone(start.draft)) };
    });
  };

  const save = async (reason: string) => {
    if (!dirty) return;
    const result = await saving.run(
      () =>
        request(UpdateFlagConfigMutation, {
          project: project.key,
          environment,
          flag: flag.key,
          expectedVersion: edit.baseVersion,
          reason: reason || null,
          input: edit.draft,
        }),
      (error) => {
        if (error.code === 'CONFLICT') setReviewing(false);
      },
    );
    if (result) {
      setEdit(null);
      setReviewing(false);
      setStatus(`Saved in ${env?.name ?? environment}: version ${result.updateFlagConfig.version}.`);
    }
    // After a save, or a CONFLICT: what is stored now. Their version opens the conflict view.
    page.reload();
  };

  const permission = flag.archived
    ? 'This flag is archived: unarchive it to change it.'
    : project.role === 'VIEWER'
      ? 'Your token is a viewer here: you can look at everything but change nothing.'
      : !canEdit
        ? `${env?.name ?? environment} is protected: changes there need an owner token.`
        : null;

  return (
    <>
      <FlagHeader flag={flag} environment={environment} onChanged={page.reload} />
      {permission && (
        <p className="notice notice--info" role="note">
          {permission}
        </p>
      )}
      <StatusMessage message={status} />
      {page.error && <ErrorNotice error={page.error} />}
      {conflicted && (
        <ConflictView
          flag={flag.key}
          environment={environment}
          base={edit.base}
          mine={edit.draft}
          theirs={stored}
          baseVersion={edit.baseVersion}
          theirVersion={config.version}
          onReapply={() => {
            const { draft, overlapping } = reapply(edit.base, edit.draft, stored);
            setEdit({ base: stored, baseVersion: config.version, draft });
            setStatus(
              overlapping.length
                ? `Your changes are reapplied on version ${config.version}. You both changed ${overlapping.join(', ')}: yours is kept there; check before saving.`
                : `Your changes are reapplied on version ${config.version}. Review and save when ready.`,
            );
          }}
          onDiscard={() => {
            setEdit(null);
            setStatus('Your changes were dropped; this is the saved configuration.');
          }}
        />
      )}
      <div className="flag-layout">
        <div className="flag-layout__main">
          <fieldset className="editor" disabled={!canEdit || reviewing || conflicted}>
            <legend className="visually-hidden">
              Configuration of {flag.name} in {env?.name}
            </legend>
            <section className="card" aria-labelledby="state-title">
              <div className="card__header">
                <h2 id="state-title">State</h2>
                <span className="muted">
                  Version {config.version}
                  {config.updatedAt
                    ? ` · saved ${new Date(config.updatedAt).toLocaleString()}`
                    : ' · never edited'}
                </span>
              </div>
              <div className="row row--center">
                <button
                  type="button"
                  role="switch"
                  aria-checked={shown.enabled}
                  className={`switch ${shown.enabled ? 'switch--on' : ''}`}
                  onClick={() => change((d) => ({ ...d, enabled: !d.enabled }))}
                >
                  <span className="switch__track" aria-hidden="true">
                    <span className="switch__thumb" />
                  </span>
                  <span>{shown.enabled ? 'On' : 'Off'}</span>
                  <span className="visually-hidden"> in {env?.name}</span>
                </button>
                <p className="muted">
                  {shown.enabled
                    ? 'Serving targets, rules and the default rule.'
                    : 'Serving the off variation to everyone.'}
                </p>
                <div className="field field--inline">
                  <label htmlFor="off-variation">Off variation</label>
                  <select
                    id="off-variation"
                    value={shown.offVariation ?? ''}
                    onChange={(e) => change((d) => ({ ...d, offVariation: e.target.value || null }))}
                  >
                    <option value="">The caller’s default</option>
                    {variations.map((v) => (
                      <option key={v.key} value={v.key}>
                        {v.name || v.key}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </section>
            <section className="card" aria-labelledby="prerequisites-title">
              <h2 id="prerequisites-title">Prerequisites</h2>
              <PrerequisitesEditor
                prerequisites={shown.prerequisites}
                flags={otherFlags}
                onChange={(prerequisites) => change((d) => ({ ...d, prerequisites }))}
              />
            </section>
            <section className="card" aria-labelledby="targets-title">
              <h2 id="targets-title">Individual targets</h2>
              <TargetsEditor
                targets={shown.targets}
                variations={variations}
                onChange={(targets) => change((d) => ({ ...d, targets }))}
              />
            </section>
            <section className="card" aria-labelledby="rules-title">
              <h2 id="rules-title">Rules</h2>
              <RulesEditor
                rules={shown.rules}
                variations={variations}
                segments={segments}
                onChange={(rules) => change((d) => ({ ...d, rules }))}
              />
            </section>
            <section className="card" aria-labelledby="default-title">
              <h2 id="default-title">Default rule</h2>
              <ServeEditor
                idPrefix="fallthrough"
                legend="Everyone else gets"
                serve={shown.fallthrough}
                variations={variations}
                onChange={(fallthrough) => change((d) => ({ ...d, fallthrough }))}
              />
            </section>
            <section className="card" aria-labelledby="advanced-title">
              <h2 id="advanced-title">Bucketing</h2>
              <div className="field">
                <label htmlFor="salt">Salt</label>
                <input
                  id="salt"
                  value={shown.salt ?? ''}
                  placeholder={flag.key}
                  spellCheck={false}
                  aria-describedby="salt-hint"
                  onChange={(e) => change((d) => ({ ...d, salt: e.target.value || null }))}
                />
                <p className="hint" id="salt-hint">
                  Rollouts hash the salt with the context. Flags of one release can share a salt so the same
                  users get all of them; changing it reshuffles who is in.
                </p>
              </div>
            </section>
          </fieldset>
          {reviewing && dirty && !conflicted && (
            <SaveReview
              title={`Review changes in ${env?.name ?? environment}`}
              changes={changes}
              describe={(path) => describePath(path, edit.draft)}
              format={formatValue}
              reasonRequired={env?.protected ?? false}
              environmentName={env?.name ?? environment}
              saveLabel={`Save in ${env?.name ?? environment}`}
              busy={saving.busy}
              error={saving.error}
              onSave={save}
              onCancel={() => setReviewing(false)}
            />
          )}
        </div>
        <aside className="flag-layout__side" aria-label="Tools">
          <TestContextPanel flag={flag.key} environment={environment} draft={dirty ? edit.draft : null} />
          <CopyConfigPanel
            flag={flag.key}
            environment={environment}
            blocked={
              !canEdit
                ? 'Copying needs the rights to change this environment.'
                : dirty
                  ? 'Save or drop your edit first: a copy replaces the whole configuration.'
                  : null
            }
            onCopied={(version, from) => {
              setStatus(`Copied from ${project.environment(from)?.name ?? from}: version ${version}.`);
              page.reload();
            }}
          />
        </aside>
      </div>
      {dirty && !reviewing && !conflicted && (
        <div className="savebar" role="region" aria-label="Unsaved changes">
          <span>
            {changes.length} unsaved change{changes.length === 1 ? '' : 's'} in {env?.name ?? environment}
          </span>
          <div className="actions">
            <button className="button" type="button" onClick={() => setEdit(null)}>
              Discard
            </button>
            <button
              className="button button--primary"
              type="button"
              onClick={() => {
                saving.setError(null);
                setReviewing(true);
              }}
            >
              Review and save
            </button>
          </div>
        </div>
      )}
    </>
  );
}
