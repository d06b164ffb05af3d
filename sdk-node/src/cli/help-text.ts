import { COMMANDS, COMMON_OPTIONS, type CommandSpec, type OptionDoc } from './commands.js';

export const GENERAL_USAGE = 'usage: flagstaff <artifact|release|deployment|health> <action> [options]';

const ENVIRONMENT = `Environment:
  FLAGSTAFF_URL             the server, e.g. https://flags.example.com
  FLAGSTAFF_PIPELINE_TOKEN  a pipeline token (fsp_…)
  FLAGSTAFF_SIGNING_SECRET  its signing secret (fsh_…), if it has one: every request is then signed`;

const EXIT_CODES =
  'Exit codes: 0 done, 1 refused by the server, 2 usage error, 3 server unreachable or failing.';

export function usageLine(spec: CommandSpec): string {
  return `usage: flagstaff ${spec.group} ${spec.action} ${spec.synopsis}`;
}

/** `flagstaff --help`; with a group, its commands; with a command, its options. */
export function helpText(target?: CommandSpec | string): string {
  if (target === undefined) return generalHelp();
  if (typeof target === 'string') return groupHelp(target);
  return [
    usageLine(target),
    '',
    wrap(target.about),
    '',
    'Options:',
    ...optionLines([...target.options, ...COMMON_OPTIONS]),
    '',
    ENVIRONMENT,
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}

function generalHelp(): string {
  return [
    GENERAL_USAGE,
    '',
    'Records builds, releases, deployments and health from CI/CD pipelines through the Flagstaff',
    'release hooks, with retries that are safe (Idempotency-Key) and signed requests.',
    '',
    'Commands:',
    ...COMMANDS.map((spec) => `  flagstaff ${spec.group} ${spec.action} ${spec.synopsis}`),
    '',
    'Options of every command:',
    ...optionLines(COMMON_OPTIONS),
    '',
    ENVIRONMENT,
    '',
    EXIT_CODES,
    '`flagstaff <group> <action> --help` explains one command; `flagstaff --version` prints the version.',
    '',
  ].join('\n');
}

/** The usage line of a group of commands, e.g. `flagstaff health <ok|breach> [options]`. */
export function groupUsage(group: string): string {
  const actions = COMMANDS.filter((spec) => spec.group === group).map((spec) => spec.action);
  return `usage: flagstaff ${group} <${actions.join('|')}> [options]`;
}

function groupHelp(group: string): string {
  const specs = COMMANDS.filter((spec) => spec.group === group);
  return [
    groupUsage(group),
    '',
    ...specs.flatMap((spec) => [
      `  flagstaff ${spec.group} ${spec.action} ${spec.synopsis}`,
      wrap(spec.about, '    '),
    ]),
    '',
    `\`flagstaff ${group} <action> --help\` explains one of them.`,
    '',
  ].join('\n');
}

function optionLines(options: readonly OptionDoc[]): string[] {
  const labels = options.map((o) => `--${o.name} ${o.value}`);
  const width = Math.max(...labels.map((label) => label.length), '-h, --help'.length);
  return [
    ...options.map((o, i) => `  ${labels[i].padEnd(width)}  ${o.about}`),
    `  ${'-h, --help'.padEnd(width)}  this help`,
  ];
}

/** Breaks prose into lines of at most 100 characters. */
function wrap(text: string, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > 100) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}
