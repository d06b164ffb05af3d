import { createContext, useContext } from 'react';
import type { ProjectView } from './project-context.js';
import type { Route } from './routes.js';

const storageKey = (project: string) => `flagstaff.environment.${project}`;

/**
 * The environment the console is looking at: the one in the URL on pages of one environment,
 * otherwise the one last looked at in this project (so links from the flag list keep it).
 */
export function currentEnvironment(route: Route, project: ProjectView): string {
  if ('env' in route && project.environment(route.env)) return route.env;
  const remembered = sessionStorage.getItem(storageKey(project.key));
  if (remembered && project.environment(remembered)) return remembered;
  return project.environments[0]?.key ?? '';
}

export function rememberEnvironment(project: string, environment: string): void {
  sessionStorage.setItem(storageKey(project), environment);
}

/** The current environment's key, provided by the layout. */
export const CurrentEnvironmentContext = createContext('');

export function useCurrentEnvironment(): string {
  return useContext(CurrentEnvironmentContext);
}
