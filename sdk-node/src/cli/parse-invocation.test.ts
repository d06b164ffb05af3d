import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_RETRY_FOR_SECONDS,
  parseInvocation,
  type Environment,
  type HookCall,
} from './parse-invocation.js';
import { UsageError } from './usage-error.js';

const TOKEN = 'fsp_pipeline-token-secret';
const ENV: Environment = { FLAGSTAFF_URL: 'https://flags.example.com', FLAGSTAFF_PIPELINE_TOKEN: TOKEN };

function call(argv: readonly string[], env: Environment = ENV): HookCall {
  const invocation = parseInvocation(argv, env);
  if (invocation.kind !== 'call') throw new Error(`expected a call, got ${invocation.kind}`);
  return invocation.call;
}

/** The hook path and body a command line makes. */
function request(argv: readonly string[]): { hook: string; body: unknown } {
  const c = call(argv);
  return { hook: c.command.hook, body: JSON.parse(c.body) };
}

function usageError(argv: readonly string[], env: Environment = ENV): UsageError {
  try {
    parseInvocation(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

/** A command line without quoting: its words. */
const words = (line: string): string[] => line.split(' ');
const START = 'deployment start --app a --version 1.0.0 --env e';
const STARTED = { application: 'a', version: '1.0.0', environment: 'e' };

describe('parseInvocation: the request each command makes', () => {
  it.each<[string, string[], string, unknown]>([
    [
      'artifact create with every option',
      words(
        'artifact create --app checkout --version 2.3.0 --commit 9fceb02 --image-digest sha256:abc --build-url https://ci/1',
      ),
      'artifacts',
      {
        application: 'checkout',
        version: '2.3.0',
        commit: '9fceb02',
        imageDigest: 'sha256:abc',
        buildUrl: 'https://ci/1',
      },
    ],
    [
      'artifact create with empty optional values (unset pipeline variables)',
      [...words('artifact create --app checkout --version 2.3.0 --commit'), '', '--build-url='],
      'artifacts',
      { application: 'checkout', version: '2.3.0' },
    ],
    [
      'release create without a stage (the server starts at alpha)',
      words('release create --app checkout --version 2.3.0'),
      'releases',
      { application: 'checkout', version: '2.3.0' },
    ],
    [
      'release promote',
      [...words('release promote --app checkout --version 2.3.0 --stage rc --notes'), 'QA passed'],
      'releases/promote',
      { application: 'checkout', version: '2.3.0', stage: 'rc', notes: 'QA passed' },
    ],
    [
      'deployment start with the default strategy',
      words(`${START} --run-url https://ci/7`),
      'deployments',
      { ...STARTED, pipelineRunUrl: 'https://ci/7' },
    ],
    [
      'deployment start rolling, counts as numbers and shares as text',
      words(`${START} --max-surge 2 --max-unavailable 10%`),
      'deployments',
      { ...STARTED, strategy: { type: 'rolling', maxSurge: 2, maxUnavailable: '10%' } },
    ],
    [
      'deployment start rolling with one count (the server defaults the other)',
      words(`${START} --strategy rolling --max-surge 1`),
      'deployments',
      { ...STARTED, strategy: { type: 'rolling', maxSurge: 1 } },
    ],
    [
      'deployment start blue-green',
      words(`${START} --strategy blue-green`),
      'deployments',
      { ...STARTED, strategy: { type: 'blue-green' } },
    ],
    [
      'deployment start canary',
      [...words(`${START} --strategy canary --canary-steps`), '10, 50,100'],
      'deployments',
      { ...STARTED, strategy: { type: 'canary', steps: [10, 50, 100] } },
    ],
    [
      'deployment succeed by id',
      words('deployment succeed --id 7c9e6679-7425-40de-944b-e07fc1f90ae7'),
      'deployments/status',
      { status: 'succeeded', deploymentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' },
    ],
    [
      'deployment fail by application and environment, with details',
      words('deployment fail --app checkout --env production --details {"step":"rollout"}'),
      'deployments/status',
      { status: 'failed', application: 'checkout', environment: 'production', details: { step: 'rollout' } },
    ],
    [
      'deployment rollback of one version',
      words('deployment rollback --app checkout --env production --version 2.3.0'),
      'deployments/status',
      { status: 'rolled_back', application: 'checkout', environment: 'production', version: '2.3.0' },
    ],
    [
      'health breach',
      words(
        'health breach --app checkout --env production --source prometheus/HighErrorRate --details {"rate":0.07}',
      ),
      'health',
      {
        application: 'checkout',
        environment: 'production',
        status: 'breach',
        source: 'prometheus/HighErrorRate',
        details: { rate: 0.07 },
      },
    ],
    [
      'health ok',
      words('health ok --app checkout --env production --source smoke-test'),
      'health',
      { application: 'checkout', environment: 'production', status: 'ok', source: 'smoke-test' },
    ],
  ])('%s', (_what, argv, hook, body) => {
    expect(request(argv)).toEqual({ hook, body });
  });

  it('makes the same body bytes from the same options, so a re-run matches its Idempotency-Key', () => {
    const argv = words(`${START} --idempotency-key run-42`);
    const first = call(argv);
    const again = call(argv);
    expect(again.body).toBe(first.body);
    expect(again.idempotencyKey).toBe('run-42');
  });
});

describe('parseInvocation: server, token and request settings', () => {
  const argv = ['health', 'ok', '--app', 'a', '--env', 'e', '--source', 's'];

  it('reads the server, token and signing secret from the environment', () => {
    const c = call(argv, { ...ENV, FLAGSTAFF_SIGNING_SECRET: 'fsh_secret' });
    expect(c.server).toEqual({
      baseUrl: new URL('https://flags.example.com/'),
      token: TOKEN,
      signingSecret: 'fsh_secret',
    });
  });

  it('lets --url and --token override the environment, and keeps a path prefix', () => {
    const c = call([...argv, '--url', 'http://gateway:8080/flagstaff?x=1', '--token', 'fsp_other']);
    expect(c.server.baseUrl.href).toBe('http://gateway:8080/flagstaff/');
    expect(c.server.token).toBe('fsp_other');
    expect(c.server.signingSecret).toBeUndefined();
  });

  it('treats empty variables as unset, as CI systems pass missing secrets', () => {
    expect(call(argv, { ...ENV, FLAGSTAFF_SIGNING_SECRET: '' }).server.signingSecret).toBeUndefined();
    expect(usageError(argv, { ...ENV, FLAGSTAFF_URL: '' }).message).toBe(
      'FLAGSTAFF_URL is not set (or give --url)',
    );
  });

  it.each<[string, Environment, string[], string]>([
    ['no server', { FLAGSTAFF_PIPELINE_TOKEN: TOKEN }, [], 'FLAGSTAFF_URL is not set (or give --url)'],
    [
      'no token',
      { FLAGSTAFF_URL: 'https://flags.example.com' },
      [],
      'FLAGSTAFF_PIPELINE_TOKEN is not set (or give --token)',
    ],
    [
      'an admin token',
      { ...ENV, FLAGSTAFF_PIPELINE_TOKEN: 'fsa_owner-secret' },
      [],
      'the token is not a pipeline token (fsp_…)',
    ],
    [
      'a server that is not a URL',
      ENV,
      ['--url', 'flags.example.com'],
      'the server URL "flags.example.com" is not a URL',
    ],
    [
      'a server that is not http(s)',
      ENV,
      ['--url', 'ftp://flags.example.com'],
      'the server URL is not http(s)',
    ],
    [
      'a server URL with a password',
      ENV,
      ['--url', 'https://u:pw@flags.example.com'],
      'the server URL holds a user name or password',
    ],
    ['an unknown output', ENV, ['--output', 'yaml'], '--output is text or json'],
    ['a negative retry time', ENV, ['--retry-for', '-1'], "Option '--retry-for' argument is ambiguous"],
    [
      'a retry time that is not a number',
      ENV,
      ['--retry-for', 'soon'],
      '--retry-for is a number of seconds from 0 to 3600',
    ],
    [
      'a retry time over an hour',
      ENV,
      ['--retry-for', '3601'],
      '--retry-for is a number of seconds from 0 to 3600',
    ],
  ])('refuses %s as a usage error', (_what, env, extra, problem) => {
    const error = usageError([...argv, ...extra], env);
    expect(error.message).toContain(problem);
    expect(error.usage).toBe('usage: flagstaff health ok --app KEY --env KEY --source TEXT [--details JSON]');
  });

  it('never repeats the token in a usage error', () => {
    const error = usageError(argv, { ...ENV, FLAGSTAFF_PIPELINE_TOKEN: 'fsa_owner-secret' });
    expect(`${error.message}${error.usage}`).not.toContain('owner-secret');
  });

  it('trims white space around variables, such as the newline a secret file ends with', () => {
    const c = call(argv, {
      FLAGSTAFF_URL: ' https://flags.example.com\n',
      FLAGSTAFF_PIPELINE_TOKEN: `${TOKEN}\n`,
    });
    expect(c.server.token).toBe(TOKEN);
    expect(c.server.baseUrl.href).toBe('https://flags.example.com/');
  });

  it('refuses an Idempotency-Key that could not be sent as a header', () => {
    expect(usageError([...argv, '--idempotency-key', 'deploy\n1']).message).toBe(
      '--idempotency-key is 1 to 255 printable ASCII characters',
    );
  });

  it('sends a fresh Idempotency-Key per invocation unless one is given', () => {
    const first = call(argv).idempotencyKey;
    const second = call(argv).idempotencyKey;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
    expect(call([...argv, '--idempotency-key', 'deploy-1234-1']).idempotencyKey).toBe('deploy-1234-1');
  });

  it('retries for 30 seconds by default, or as long as --retry-for says', () => {
    expect(DEFAULT_RETRY_FOR_SECONDS).toBe(30);
    expect(call(argv).retryForMs).toBe(30_000);
    expect(call([...argv, '--retry-for', '0']).retryForMs).toBe(0);
    expect(call([...argv, '--retry-for', '2.5']).retryForMs).toBe(2_500);
  });

  it('prints the id by default and the whole answer with --output json', () => {
    expect(call(argv).output).toBe('text');
    expect(call([...argv, '--output', 'json']).output).toBe('json');
  });
});

describe('parseInvocation: usage errors', () => {
  const general = 'usage: flagstaff <artifact|release|deployment|health> <action> [options]';
  it.each<[string, string, string, string]>([
    ['an unknown command', 'deploy', 'unknown command deploy', general],
    [
      'a group without an action',
      'deployment',
      'deployment needs an action',
      'usage: flagstaff deployment <start|succeed|fail|rollback> [options]',
    ],
    [
      'an unknown action',
      'health degraded',
      'unknown command health degraded',
      'usage: flagstaff health <ok|breach>',
    ],
    [
      'a missing required option',
      'artifact create --app a',
      '--version is required',
      'usage: flagstaff artifact create',
    ],
    [
      'an unknown option',
      'artifact create --colour red',
      "Unknown option '--colour'",
      'usage: flagstaff artifact create',
    ],
    [
      'an option without its value',
      'artifact create --app',
      "Option '--app <value>' argument missing",
      'artifact create',
    ],
    ['a stray argument', 'health ok now', "Unexpected argument 'now'", 'usage: flagstaff health ok'],
    [
      'promote without a stage',
      'release promote --app a --version 1.0.0',
      '--stage is required',
      'release promote',
    ],
    [
      'a report naming no deployment',
      'deployment succeed',
      'give --id, or --app and --env',
      'deployment succeed',
    ],
    [
      'an application without its environment',
      'deployment fail --app a',
      '--app goes with --env',
      'deployment fail',
    ],
    [
      'an id beside an application',
      'deployment rollback --id x --app a --env e',
      'give --id, or --app and --env (and perhaps --version); not both',
      'usage: flagstaff deployment rollback',
    ],
    [
      'details that are not JSON',
      'health ok --app a --env e --source s --details {oops',
      '--details is not JSON',
      'health ok',
    ],
    [
      'details that are not an object',
      'health ok --app a --env e --source s --details [1]',
      '--details is a JSON object',
      'health ok',
    ],
  ])('names %s and shows the usage line', (_what, line, problem, usage) => {
    const error = usageError(words(line));
    expect(error.message).toContain(problem);
    expect(error.usage).toContain(usage);
  });

  it('asks for a command when given none', () => {
    expect(usageError([])).toMatchObject({ message: 'give a command', usage: general });
  });

  it.each<[string, string, string]>([
    ['an unknown strategy', '--strategy recreate', '--strategy is one of rolling, blue-green, canary'],
    ['a canary without steps', '--strategy canary', '--strategy canary needs --canary-steps, e.g. 10,50,100'],
    ['steps without a canary', '--canary-steps 10,100', '--canary-steps goes with --strategy canary'],
    [
      'steps that are not numbers',
      '--strategy canary --canary-steps 10,half',
      '--canary-steps is a comma-separated list',
    ],
    [
      'rolling counts with blue-green',
      '--strategy blue-green --max-surge 1',
      '--max-surge and --max-unavailable go with --strategy rolling',
    ],
    [
      'rolling counts with a canary',
      '--strategy canary --canary-steps 50,100 --max-unavailable 0',
      'go with --strategy rolling',
    ],
  ])('refuses %s', (_what, options, problem) => {
    expect(usageError(words(`${START} ${options}`)).message).toContain(problem);
  });
});

describe('parseInvocation: help and version', () => {
  it.each([['--help'], ['-h'], ['help']])('%s prints the general help', (flag) => {
    const invocation = parseInvocation([flag], {});
    expect(invocation.kind).toBe('help');
    const text = invocation.kind === 'help' ? invocation.text : '';
    expect(text).toContain('usage: flagstaff <artifact|release|deployment|health> <action> [options]');
    for (const command of ['artifact create', 'release promote', 'deployment rollback', 'health breach']) {
      expect(text).toContain(`flagstaff ${command} `);
    }
    expect(text).toContain('FLAGSTAFF_SIGNING_SECRET');
    expect(text).toContain(
      'Exit codes: 0 done, 1 refused by the server, 2 usage error, 3 server unreachable',
    );
  });

  it("prints a group's commands", () => {
    const invocation = parseInvocation(['health', '--help'], {});
    expect(invocation).toEqual({
      kind: 'help',
      text: expect.stringContaining('flagstaff health breach --app KEY'),
    });
  });

  it("prints one command's options, even beside other options and without a server", () => {
    const invocation = parseInvocation(words('deployment start --app a -h'), {});
    const text = invocation.kind === 'help' ? invocation.text : '';
    expect(text.split('\n')[0]).toBe(
      'usage: flagstaff deployment start --app KEY --version SEMVER --env KEY [--strategy rolling|blue-green|canary] ' +
        '[--max-surge N|N%] [--max-unavailable N|N%] [--canary-steps 10,50,100] [--run-url URL]',
    );
    expect(text).toMatch(/--canary-steps LIST +canary: traffic percentages/);
    expect(text).toMatch(/--retry-for SECONDS +how long to retry/);
  });

  it('reads --version first as the CLI version and after a command as the artifact version', () => {
    expect(parseInvocation(['--version'], {})).toEqual({ kind: 'version' });
    expect(JSON.parse(call(words('artifact create --app a --version 1.2.3')).body).version).toBe('1.2.3');
  });
});
