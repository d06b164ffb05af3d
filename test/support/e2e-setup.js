import { execFileSync } from 'node:child_process';
import globalSetup from './global-setup.js';

/**
 * End-to-end tests run the server as `npm start` does, and the `flagstaff` CLI as pipelines do:
 * from their builds (no-ops when current).
 */
export default async function e2eSetup() {
  await globalSetup();
  execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  execFileSync('npx', ['tsc', '-b', 'sdk-node'], { stdio: 'inherit' });
}
