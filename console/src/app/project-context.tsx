import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { graphql } from '../graphql/generated/gql.js';
import type { TokenRole } from '../graphql/generated/graphql.js';
import { useQuery } from '../graphql/use-query.js';
import { usePollTick } from '../live/use-poll-tick.js';
import { tokenStorage } from '../session/token-storage.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';

const ProjectShellQuery = graphql(`
  query ProjectShell($project: String!) {
    projects {
      key
      name
    }
    project(key: $project) {
      key
      name
      environments {
        key
        name
        color
        protected
        version
        archived
        sortOrder
      }
    }
  }
`);

const AdminTokensQuery = graphql(`
  query AdminTokens($project: String!) {
    tokens(project: $project, kind: ADMIN) {
      prefix
      role
    }
  }
`);

/** Admin tokens are listed by their first 12 characters (docs/admin-api.md). */
const PREFIX_LENGTH = 12;

export interface Environment {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly protected: boolean;
  /** The snapshot version: it rises with every change there, which is what live pages watch. */
  readonly version: number;
}

export interface ProjectView {
  readonly key: string;
  readonly name: string;
  readonly projects: ReadonlyArray<{ key: string; name: string }>;
  readonly environments: readonly Environment[];
  environment(key: string): Environment | undefined;
  /** The token's role here; VIEWER until known, so nothing is editable by mistake. */
  readonly role: TokenRole;
  /** Whether the token may change things in this environment (or project-wide without one). */
  canEdit(environmentKey?: string): boolean;
}

const ProjectContext = createContext<ProjectView | null>(null);

/**
 * The project a page shows, its environments (polled: their versions drive live refresh) and the
 * token's role there. A token of one project is listed among that project's admin tokens; one that
 * is not listed is an instance-wide owner token (the first-run token or `token:create` without --project).
 */
export function ProjectProvider({ project, children }: { project: string; children: ReactNode }) {
  const tick = usePollTick();
  const shell = useQuery(ProjectShellQuery, { project }, { refreshKey: tick });
  const tokens = useQuery(AdminTokensQuery, { project });

  const view = useMemo((): ProjectView | null => {
    const data = shell.data;
    if (!data) return null;
    const environments = data.project.environments
      .filter((e) => !e.archived)
      .sort((a, b) => a.sortOrder - b.sortOrder);
    const prefix = tokenStorage.read()?.slice(0, PREFIX_LENGTH);
    const role: TokenRole = tokens.data
      ? (tokens.data.tokens.find((t) => t.prefix === prefix)?.role ?? 'OWNER')
      : 'VIEWER';
    const environment = (key: string) => environments.find((e) => e.key === key);
    return {
      key: data.project.key,
      name: data.project.name,
      projects: data.projects,
      environments,
      environment,
      role,
      canEdit: (environmentKey) =>
        role !== 'VIEWER' && (role === 'OWNER' || !environmentKey || !environment(environmentKey)?.protected),
    };
  }, [shell.data, tokens.data]);

  if (!view) {
    return (
      <main id="main" className="page page--center">
        {shell.error ? <ErrorNotice error={shell.error} /> : <Loading what="the project" />}
      </main>
    );
  }
  return <ProjectContext.Provider value={view}>{children}</ProjectContext.Provider>;
}

export function useProject(): ProjectView {
  const project = useContext(ProjectContext);
  if (!project) throw new Error('useProject outside ProjectProvider');
  return project;
}
