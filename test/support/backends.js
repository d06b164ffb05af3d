// Which real backends this run has. Suites that need a backend the machine lacks are left out of
// the run by name (and listed by global-setup), rather than registered and skipped.
const needs = [
  { pattern: '\\.redis\\.[\\w.]*test\\.ts$', env: 'REDIS_URL', what: 'Redis-only suites' },
  { pattern: '\\.postgres\\.[\\w.]*test\\.ts$', env: 'DATABASE_URL', what: 'Postgres-only suites' },
];

export function skippedSuites() {
  return needs.filter((n) => !process.env[n.env]);
}
