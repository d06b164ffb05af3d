import { skippedSuites } from './backends.js';

/** Says once per run which backends the integration and end-to-end suites use, and what they left out. */
export default async function globalSetup() {
  const database = process.env.DATABASE_URL
    ? `Postgres (${redact(process.env.DATABASE_URL)})`
    : 'embedded PGlite';
  const bus = process.env.REDIS_URL ? `Redis (${redact(process.env.REDIS_URL)})` : 'the in-process bus';
  console.log(`\n[flagstaff] backends: ${database}, ${bus}; embedded PGlite suites run as well`);
  for (const s of skippedSuites()) {
    console.log(`[flagstaff] skipped ${s.what} (/${s.pattern}/): ${s.env} is not set`);
  }
}

function redact(raw) {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}
