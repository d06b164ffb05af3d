import { execFileSync } from 'node:child_process';
import globalSetup from './global-setup.js';

/** End-to-end tests run the server as `npm start` does: from its build (a no-op when current). */
export default async function e2eSetup() {
  await globalSetup();
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
}
