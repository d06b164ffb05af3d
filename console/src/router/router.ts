import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());
window.addEventListener('popstate', notify);

/** Blocks in-app navigation while it returns a message (an unsaved edit), after asking. */
let leaveGuard: (() => string | null) | null = null;

export function setLeaveGuard(guard: (() => string | null) | null): void {
  leaveGuard = guard;
}

/** Goes to `to` (a path with an optional query) without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current) return;
  const warning = leaveGuard?.();
  if (warning && !window.confirm(warning)) return;
  window.history[options.replace ? 'replaceState' : 'pushState'](null, '', to);
  notify();
}

/** Replaces the query of the current URL, so filters can be shared as links. */
export function setSearchParams(params: Record<string, string | null | undefined>): void {
  const search = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') search.delete(name);
    else search.set(name, value);
  }
  const query = search.toString();
  navigate(window.location.pathname + (query ? `?${query}` : ''), { replace: true });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query; re-renders on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}
