import { skippedSuites } from './backends.js';

export default async function globalSetup() {
  for (const s of skippedSuites()) {
    console.log(`\n[flagstaff] skipped ${s.what} (/${s.pattern}/): ${s.env} is not set`);
  }
}
