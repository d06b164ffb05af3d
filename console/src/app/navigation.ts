import { paths, type Route } from './routes.js';

export interface NavigationItem {
  readonly label: string;
  readonly href: (project: string, environment: string) => string;
  /** The pages this item is the section of, to mark it current. */
  readonly pages: ReadonlyArray<Route['page']>;
}

/** The sections of a project, in the order of the side navigation. */
export const NAVIGATION: readonly NavigationItem[] = [
  { label: 'Flags', href: (p) => paths.flags(p), pages: ['flags', 'flag'] },
  { label: 'Segments', href: (p) => paths.segments(p), pages: ['segments', 'segment'] },
  { label: 'Configuration', href: (p, env) => paths.config(p, env), pages: ['config'] },
  { label: 'Releases', href: (p, env) => paths.releases(p, env), pages: ['releases'] },
  {
    label: 'Rollout plans',
    href: (p, env) => paths.rolloutPlans(p, env),
    pages: ['rolloutPlans', 'rolloutPlan'],
  },
  { label: 'Audit log', href: (p) => paths.audit(p), pages: ['audit'] },
  { label: 'Tokens', href: (p) => paths.tokens(p), pages: ['tokens'] },
];
