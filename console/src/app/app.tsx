import { useEffect } from 'react';
import { AuditPage } from '../audit/audit-page.js';
import { ConfigPage } from '../configuration/config-page.js';
import { FlagPage } from '../flags/flag-page.js';
import { FlagsPage } from '../flags/flags-page.js';
import { useQuery } from '../graphql/use-query.js';
import { ReleasesPage } from '../releases/releases-page.js';
import { RolloutPlanPage } from '../rollout-plans/rollout-plan-page.js';
import { RolloutPlansPage } from '../rollout-plans/rollout-plans-page.js';
import { Link } from '../router/link.js';
import { navigate, useLocation } from '../router/router.js';
import { SegmentPage } from '../segments/segment-page.js';
import { SegmentsPage } from '../segments/segments-page.js';
import { ProjectsQuery } from '../session/projects-query.js';
import { useSession } from '../session/session-context.js';
import { SignInPage } from '../session/sign-in-page.js';
import { TokensPage } from '../tokens/tokens-page.js';
import { EmptyState } from '../ui/empty-state.js';
import { ErrorNotice } from '../ui/error-notice.js';
import { Loading } from '../ui/loading.js';
import { Layout } from './layout.js';
import { ProjectProvider } from './project-context.js';
import { parseRoute, paths, type Route } from './routes.js';

/** Signed out: the sign-in form (the URL stays, so a shared link opens after sign-in). */
export function App() {
  const session = useSession();
  return session.token ? <SignedIn /> : <SignInPage />;
}

function SignedIn() {
  const { pathname } = useLocation();
  const route = parseRoute(pathname);
  if (route.page === 'home') return <FirstProject />;
  if (route.page === 'notFound') return <NotFound />;
  return (
    <ProjectProvider project={route.project} key={route.project}>
      <Layout route={route}>
        <ProjectPage route={route} />
      </Layout>
    </ProjectProvider>
  );
}

function ProjectPage({ route }: { route: Exclude<Route, { page: 'home' } | { page: 'notFound' }> }) {
  switch (route.page) {
    case 'flags':
      return <FlagsPage />;
    case 'flag':
      return <FlagPage flagKey={route.flag} environment={route.env} key={`${route.flag} ${route.env}`} />;
    case 'segments':
      return <SegmentsPage />;
    case 'segment':
      return <SegmentPage segmentKey={route.segment} key={route.segment} />;
    case 'config':
      return <ConfigPage environment={route.env} key={route.env} />;
    case 'tokens':
      return <TokensPage />;
    case 'audit':
      return <AuditPage />;
    case 'releases':
      return <ReleasesPage environment={route.env} key={route.env} />;
    case 'rolloutPlans':
      return <RolloutPlansPage environment={route.env} key={route.env} />;
    case 'rolloutPlan':
      return <RolloutPlanPage environment={route.env} planId={route.plan} key={route.plan} />;
  }
}

/** `/` opens the flags of the first project the token can see. */
function FirstProject() {
  const { data, error } = useQuery(ProjectsQuery, {});
  const first = data?.projects[0]?.key;
  useEffect(() => {
    if (first) navigate(paths.flags(first), { replace: true });
  }, [first]);
  return (
    <main id="main" className="page page--center">
      {error ? (
        <ErrorNotice error={error} />
      ) : data && !first ? (
        <EmptyState title="This token sees no project.">
          Ask an owner for a token of a project, or create one with <code>createProject</code> using an
          instance owner token.
        </EmptyState>
      ) : (
        <Loading what="projects" />
      )}
    </main>
  );
}

function NotFound() {
  return (
    <main id="main" className="page page--center">
      <EmptyState title="There is no page at this address.">
        <Link to={paths.home()}>Go to the flags of your first project</Link>
      </EmptyState>
    </main>
  );
}
