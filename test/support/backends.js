// Which real backends this run has. Suites that need a backend the machine lacks are left out of
// the run by name (and listed by global-setup), rather than registered and skipped.
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const needs = [
  {
    pattern: '\\.redis\\.[\\w.]*test\\.ts$',
    env: 'REDIS_URL',
    what: 'Redis-only suites',
    why: 'REDIS_URL is not set',
  },
  {
    pattern: '\\.postgres\\.[\\w.]*test\\.ts$',
    env: 'DATABASE_URL',
    what: 'Postgres-only suites',
    why: 'DATABASE_URL is not set',
  },
  {
    pattern: '\\.browser\\.[\\w.]*test\\.ts$',
    present: () => existsSync(chromium),
    what: 'browser suites',
    why: `no Chromium at ${chromium} (apt-get install chromium)`,
  },
];

export function skippedSuites() {
  return needs.filter((n) => (n.present ? !n.present() : !process.env[n.env]));
}
