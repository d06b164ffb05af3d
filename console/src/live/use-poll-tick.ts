import { useEffect, useState } from 'react';

/** How often pages look for new environment versions (the server re-checks its own every 2 s). */
export const POLL_INTERVAL_MS = 3000;

/** A number that grows every interval while the tab is visible: a refresh key for live pages. */
export function usePollTick(intervalMs = POLL_INTERVAL_MS): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') setTick((n) => n + 1);
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return tick;
}
