import { skippedSuites } from './backends.js';

/** Says once per run which backends the integration and end-to-end suites use, and what they left out. */
export default async function globalSetup() {
  const database = process.env.DATABASE_URL
    ? `Postgres at ${new URL(process.env.DATABASE_URL).host}`
    : 'embedded PGlite';
  const bus = process.env.REDIS_URL
    ? `Redis at ${new URL(process.env.REDIS_URL).host}`
    : 'the in-process bus';
  console.log(`\n[flagstaff] backends: ${database}, ${bus}; embedded PGlite suites run as well`);
  for (const s of skippedSuites()) {
    console.log(`[flagstaff] skipped ${s.what} (/${s.pattern}/): ${s.why}`);
  }
}
