import type { OptionReader } from './option-reader.js';

/** An option of a command; every one takes a value. */
export interface OptionDoc {
  readonly name: string;
  readonly value: string;
  readonly about: string;
}

/** The field of a hook's answer that holds the record it made or changed. */
export type AnswerField = 'artifact' | 'release' | 'deployment' | 'signal';

/** A `flagstaff <group> <action>` command: the hook it calls and how its options make the body. */
export interface CommandSpec {
  readonly group: string;
  readonly action: string;
  /** The options after the command words, as the usage line shows them. */
  readonly synopsis: string;
  readonly about: string;
  readonly options: readonly OptionDoc[];
  /** The hook's path below /hooks/v1/. */
  readonly hook: string;
  readonly answer: AnswerField;
  /** The request body; the server checks the values, this only shapes them. */
  body(read: OptionReader): Record<string, unknown>;
}

const APP: OptionDoc = { name: 'app', value: 'KEY', about: "the application's key, e.g. checkout" };
const VERSION: OptionDoc = { name: 'version', value: 'SEMVER', about: 'the artifact version, e.g. 2.3.0' };
const ENV: OptionDoc = { name: 'env', value: 'KEY', about: "the environment's key, e.g. production" };
const NOTES: OptionDoc = {
  name: 'notes',
  value: 'TEXT',
  about: 'recorded with the step (at most 2000 characters)',
};
const DETAILS: OptionDoc = {
  name: 'details',
  value: 'JSON',
  about: `a JSON object recorded with the report (at most 16 KiB), e.g. '{"reason":"p99 over 2 s"}'`,
};

const STAGES = 'alpha|beta|rc|stable';
const STRATEGIES = ['rolling', 'blue-green', 'canary'] as const;
const ROLLING_OPTIONS = ['max-surge', 'max-unavailable'] as const;

function releaseCommand(action: 'create' | 'promote'): CommandSpec {
  const create = action === 'create';
  return {
    group: 'release',
    action,
    synopsis: `--app KEY --version SEMVER ${create ? `[--stage ${STAGES}]` : `--stage ${STAGES}`} [--notes TEXT]`,
    about: create
      ? 'Releases a recorded artifact at a stage (alpha when --stage is left out).'
      : 'Promotes a release to a later stage (alpha → beta → rc → stable; stages may be skipped).',
    options: [
      APP,
      VERSION,
      { name: 'stage', value: 'STAGE', about: `${STAGES}${create ? ' (default alpha)' : ''}` },
      NOTES,
    ],
    hook: create ? 'releases' : 'releases/promote',
    answer: 'release',
    body: (read) => ({
      application: read.required('app'),
      version: read.required('version'),
      stage: create ? read.optional('stage') : read.required('stage'),
      notes: read.optional('notes'),
    }),
  };
}

function deploymentStatusCommand(action: 'succeed' | 'fail' | 'rollback'): CommandSpec {
  const status = { succeed: 'succeeded', fail: 'failed', rollback: 'rolled_back' }[action];
  return {
    group: 'deployment',
    action,
    synopsis: '(--id ID | --app KEY --env KEY [--version SEMVER]) [--details JSON]',
    about:
      `Reports that a deployment ${status.replace('_', ' ')}. Name it by --id (what deployment start ` +
      'printed), or by --app and --env: the most recent deployment of the application there (of ' +
      '--version, when given).',
    options: [
      { name: 'id', value: 'ID', about: 'the deployment id that deployment start printed' },
      APP,
      ENV,
      {
        name: 'version',
        value: 'SEMVER',
        about: 'with --app and --env: the most recent deployment of this version',
      },
      DETAILS,
    ],
    hook: 'deployments/status',
    answer: 'deployment',
    body: (read) => {
      const deploymentId = read.optional('id');
      if (deploymentId !== undefined && read.any('app', 'env', 'version')) {
        read.fail('give --id, or --app and --env (and perhaps --version); not both');
      }
      const target =
        deploymentId !== undefined
          ? { deploymentId }
          : {
              application: read.required('app', 'give --id, or --app and --env'),
              environment: read.required('env', '--app goes with --env'),
              version: read.optional('version'),
            };
      return { status, ...target, details: read.jsonObject('details') };
    },
  };
}

function healthCommand(status: 'ok' | 'breach'): CommandSpec {
  return {
    group: 'health',
    action: status,
    synopsis: '--app KEY --env KEY --source TEXT [--details JSON]',
    about:
      status === 'ok'
        ? 'Reports that an application is healthy in an environment.'
        : 'Reports a health breach of an application in an environment: rollout plans that follow it pause or roll back.',
    options: [
      APP,
      ENV,
      { name: 'source', value: 'TEXT', about: 'what reports it, e.g. prometheus/HighErrorRate' },
      DETAILS,
    ],
    hook: 'health',
    answer: 'signal',
    body: (read) => ({
      application: read.required('app'),
      environment: read.required('env'),
      status,
      source: read.required('source'),
      details: read.jsonObject('details'),
    }),
  };
}

/** A rolling count: whole numbers go as numbers, the rest (e.g. "25%") as text for the server to check. */
function instances(value: string | undefined): number | string | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : value;
}

/** The strategy options as the hook's `strategy` object; undefined for the server's default (rolling 25 %). */
function strategyOf(read: OptionReader): Record<string, unknown> | undefined {
  const type = read.optional('strategy');
  const rolling = read.any(...ROLLING_OPTIONS);
  const steps = read.optional('canary-steps');
  if (type !== undefined && !(STRATEGIES as readonly string[]).includes(type)) {
    read.fail(`--strategy is one of ${STRATEGIES.join(', ')}`);
  }
  if (steps !== undefined && type !== 'canary') read.fail('--canary-steps goes with --strategy canary');
  if (rolling && type !== undefined && type !== 'rolling') {
    read.fail('--max-surge and --max-unavailable go with --strategy rolling');
  }
  if (type === 'canary') {
    if (steps === undefined) read.fail('--strategy canary needs --canary-steps, e.g. 10,50,100');
    const parts = steps.split(',').map((part) => part.trim());
    if (!parts.every((part) => /^\d+$/.test(part))) {
      read.fail('--canary-steps is a comma-separated list of traffic percentages, e.g. 10,50,100');
    }
    return { type, steps: parts.map(Number) };
  }
  if (type === 'blue-green') return { type };
  if (type === undefined && !rolling) return undefined;
  return {
    type: 'rolling',
    maxSurge: instances(read.optional('max-surge')),
    maxUnavailable: instances(read.optional('max-unavailable')),
  };
}

/** Options every command takes, besides -h/--help. */
export const COMMON_OPTIONS: readonly OptionDoc[] = [
  { name: 'url', value: 'URL', about: 'the Flagstaff server (default: $FLAGSTAFF_URL)' },
  {
    name: 'token',
    value: 'TOKEN',
    about: 'a pipeline token (default: $FLAGSTAFF_PIPELINE_TOKEN, which keeps it out of process lists)',
  },
  {
    name: 'output',
    value: 'text|json',
    about: "text (default) prints the record's id; json prints the server's whole answer",
  },
  {
    name: 'idempotency-key',
    value: 'KEY',
    about: 'instead of a fresh key: a re-run with the same key and options gets the first answer',
  },
  {
    name: 'retry-for',
    value: 'SECONDS',
    about: 'how long to retry while the server is unreachable or failing (default 30; 0: try once)',
  },
];

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    group: 'artifact',
    action: 'create',
    synopsis: '--app KEY --version SEMVER [--commit SHA] [--image-digest DIGEST] [--build-url URL]',
    about:
      'Records a build of an application (the application is made on first use). Artifacts are immutable: ' +
      'the same version again with the same content is accepted, with other content refused.',
    options: [
      APP,
      VERSION,
      { name: 'commit', value: 'SHA', about: 'the git commit it was built from (7 to 64 hex characters)' },
      { name: 'image-digest', value: 'DIGEST', about: 'the image digest, e.g. sha256:…' },
      { name: 'build-url', value: 'URL', about: 'the build that made it' },
    ],
    hook: 'artifacts',
    answer: 'artifact',
    body: (read) => ({
      application: read.required('app'),
      version: read.required('version'),
      commit: read.optional('commit'),
      imageDigest: read.optional('image-digest'),
      buildUrl: read.optional('build-url'),
    }),
  },
  releaseCommand('create'),
  releaseCommand('promote'),
  {
    group: 'deployment',
    action: 'start',
    synopsis:
      '--app KEY --version SEMVER --env KEY [--strategy rolling|blue-green|canary] ' +
      '[--max-surge N|N%] [--max-unavailable N|N%] [--canary-steps 10,50,100] [--run-url URL]',
    about:
      'Records that a recorded artifact is being deployed into an environment, and prints the ' +
      "deployment's id. Without --strategy: rolling, maxSurge and maxUnavailable 25 %.",
    options: [
      APP,
      VERSION,
      ENV,
      { name: 'strategy', value: 'TYPE', about: STRATEGIES.join(', ') },
      { name: 'max-surge', value: 'N|N%', about: 'rolling: instances above the desired count (default 25%)' },
      { name: 'max-unavailable', value: 'N|N%', about: 'rolling: instances that may be down (default 25%)' },
      {
        name: 'canary-steps',
        value: 'LIST',
        about: 'canary: traffic percentages, each above the last, e.g. 10,50,100',
      },
      { name: 'run-url', value: 'URL', about: 'the pipeline run doing the deployment' },
    ],
    hook: 'deployments',
    answer: 'deployment',
    body: (read) => ({
      application: read.required('app'),
      version: read.required('version'),
      environment: read.required('env'),
      strategy: strategyOf(read),
      pipelineRunUrl: read.optional('run-url'),
    }),
  },
  deploymentStatusCommand('succeed'),
  deploymentStatusCommand('fail'),
  deploymentStatusCommand('rollback'),
  healthCommand('ok'),
  healthCommand('breach'),
];
