import { useState, type ReactNode } from 'react';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { useSession } from '../session/session-context.js';
import { CurrentEnvironmentContext, currentEnvironment, rememberEnvironment } from './current-environment.js';
import { NAVIGATION } from './navigation.js';
import { useProject } from './project-context.js';
import { paths, type Route } from './routes.js';

const ROLE_LABELS = { VIEWER: 'Viewer', EDITOR: 'Editor', OWNER: 'Owner' } as const;

/** The frame of every project page: project and environment switchers, sections, sign-out. */
export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const project = useProject();
  const session = useSession();
  const [, setRemembered] = useState(0);
  const environment = currentEnvironment(route, project);
  const env = project.environment(environment);

  const switchProject = (key: string) => navigate(paths.flags(key));
  const switchEnvironment = (key: string) => {
    rememberEnvironment(project.key, key);
    if (route.page === 'flag') navigate(paths.flag(project.key, route.flag, key));
    else if (route.page === 'config') navigate(paths.config(project.key, key));
    else if (route.page === 'releases') navigate(paths.releases(project.key, key));
    else if (route.page === 'rolloutPlans' || route.page === 'rolloutPlan')
      navigate(paths.rolloutPlans(project.key, key));
    else setRemembered((n) => n + 1);
  };

  return (
    <CurrentEnvironmentContext.Provider value={environment}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" to={paths.flags(project.key)}>
          <span className="brand__mark" aria-hidden="true">
            ⚑
          </span>{' '}
          Flagstaff
        </Link>
        <div className="topbar__switchers">
          <label className="switcher">
            <span className="switcher__label">Project</span>
            <select value={project.key} onChange={(e) => switchProject(e.target.value)}>
              {project.projects.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label className="switcher">
            <span className="switcher__label">Environment</span>
            <span className="env-dot" style={{ background: env?.color }} aria-hidden="true" />
            <select value={environment} onChange={(e) => switchEnvironment(e.target.value)}>
              {project.environments.map((e) => (
                <option key={e.key} value={e.key}>
                  {e.name}
                  {e.protected ? ' (protected)' : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="topbar__session">
          <span className="badge" title="Your token's role in this project">
            {ROLE_LABELS[project.role]}
          </span>
          <button className="button button--quiet" type="button" onClick={() => session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div className="shell">
        <nav className="sidenav" aria-label="Sections">
          <ul>
            {NAVIGATION.map((item) => {
              const current = item.pages.includes(route.page);
              return (
                <li key={item.label}>
                  <Link
                    to={item.href(project.key, environment)}
                    aria-current={current ? 'page' : undefined}
                    className={current ? 'sidenav__link sidenav__link--current' : 'sidenav__link'}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main className="page" id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </CurrentEnvironmentContext.Provider>
  );
}
