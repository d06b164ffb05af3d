import { describe, expect, it } from '@jest/globals';
import { SDK_NODE_VERSION } from '../node-stream.js';
import { EXIT_CODES, runCli } from './run-cli.js';

async function run(argv: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {}, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('runCli without a server', () => {
  it('prints help to stdout and exits 0', async () => {
    const { code, stdout, stderr } = await run(['release', 'promote', '--help']);
    expect(code).toBe(EXIT_CODES.ok);
    expect(stdout).toMatch(/^usage: flagstaff release promote --app KEY --version SEMVER --stage /);
    expect(stderr).toBe('');
  });

  it('prints its version', async () => {
    expect(await run(['--version'])).toEqual({
      code: 0,
      stdout: `flagstaff ${SDK_NODE_VERSION}\n`,
      stderr: '',
    });
  });

  it('answers a usage error on stderr with the problem and the usage line, exit 2', async () => {
    expect(await run(['health', 'breach', '--app', 'checkout'])).toEqual({
      code: EXIT_CODES.usage,
      stdout: '',
      stderr:
        'flagstaff: --env is required\n' +
        'usage: flagstaff health breach --app KEY --env KEY --source TEXT [--details JSON]\n' +
        '(flagstaff --help explains every command)\n',
    });
  });
});
