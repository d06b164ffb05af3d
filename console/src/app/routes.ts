/** Every page of the console, as a URL says it: shareable, and the one place paths are spelled. */
export type Route =
  | { page: 'home' }
  | { page: 'flags'; project: string }
  | { page: 'flag'; project: string; flag: string; env: string }
  | { page: 'segments'; project: string }
  | { page: 'segment'; project: string; segment: string }
  | { page: 'config'; project: string; env: string }
  | { page: 'tokens'; project: string }
  | { page: 'audit'; project: string }
  | { page: 'releases'; project: string; env: string }
  | { page: 'rolloutPlans'; project: string; env: string }
  | { page: 'rolloutPlan'; project: string; env: string; plan: string }
  | { page: 'notFound' };

const enc = encodeURIComponent;

export const paths = {
  home: () => '/',
  flags: (project: string) => `/projects/${enc(project)}/flags`,
  flag: (project: string, flag: string, env: string) =>
    `/projects/${enc(project)}/flags/${enc(flag)}/${enc(env)}`,
  segments: (project: string) => `/projects/${enc(project)}/segments`,
  segment: (project: string, segment: string) => `/projects/${enc(project)}/segments/${enc(segment)}`,
  config: (project: string, env: string) => `/projects/${enc(project)}/config/${enc(env)}`,
  tokens: (project: string) => `/projects/${enc(project)}/tokens`,
  audit: (project: string) => `/projects/${enc(project)}/audit`,
  releases: (project: string, env: string) => `/projects/${enc(project)}/releases/${enc(env)}`,
  rolloutPlans: (project: string, env: string) => `/projects/${enc(project)}/rollout-plans/${enc(env)}`,
  rolloutPlan: (project: string, env: string, plan: string) =>
    `/projects/${enc(project)}/rollout-plans/${enc(env)}/${enc(plan)}`,
};

/** The route a path names; `notFound` for anything else. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  if (parts[0] !== 'projects' || parts.length < 3) return { page: 'notFound' };
  const [, project, section, ...rest] = parts as [string, string, string, ...string[]];
  switch (section) {
    case 'flags':
      if (rest.length === 0) return { page: 'flags', project };
      if (rest.length === 2) return { page: 'flag', project, flag: rest[0]!, env: rest[1]! };
      break;
    case 'segments':
      if (rest.length === 0) return { page: 'segments', project };
      if (rest.length === 1) return { page: 'segment', project, segment: rest[0]! };
      break;
    case 'config':
      if (rest.length === 1) return { page: 'config', project, env: rest[0]! };
      break;
    case 'tokens':
      if (rest.length === 0) return { page: 'tokens', project };
      break;
    case 'audit':
      if (rest.length === 0) return { page: 'audit', project };
      break;
    case 'releases':
      if (rest.length === 1) return { page: 'releases', project, env: rest[0]! };
      break;
    case 'rollout-plans':
      if (rest.length === 1) return { page: 'rolloutPlans', project, env: rest[0]! };
      if (rest.length === 2) return { page: 'rolloutPlan', project, env: rest[0]!, plan: rest[1]! };
      break;
  }
  return { page: 'notFound' };
}
