#!/usr/bin/env node
// The `flagstaff` bin: pipelines record artifacts, releases, deployments and health through the
// release hooks. Not imported by the SDK (src/index.ts), so SDK users never load it.
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
