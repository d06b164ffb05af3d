import { randomUUID } from 'node:crypto';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { COMMANDS, COMMON_OPTIONS, type CommandSpec } from './commands.js';
import { GENERAL_USAGE, groupUsage, helpText, usageLine } from './help-text.js';
import { OptionReader, type OptionValues } from './option-reader.js';
import { UsageError } from './usage-error.js';

/** Where the hooks are and who calls them. */
export interface ServerAccess {
  /** Ends with '/', so a path prefix in FLAGSTAFF_URL is kept. */
  readonly baseUrl: URL;
  readonly token: string;
  /** When set, every request carries X-Flagstaff-Signature. */
  readonly signingSecret: string | undefined;
}

/** One hook request, ready to send. */
export interface HookCall {
  readonly command: CommandSpec;
  readonly server: ServerAccess;
  /** The JSON body, exactly as sent and signed. */
  readonly body: string;
  readonly idempotencyKey: string;
  /** How long retries may go on, from the first attempt. */
  readonly retryForMs: number;
  readonly output: 'text' | 'json';
}

export type Invocation =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | { readonly kind: 'call'; readonly call: HookCall };

export type Environment = Readonly<Record<string, string | undefined>>;

export const DEFAULT_RETRY_FOR_SECONDS = 30;
const MAX_RETRY_FOR_SECONDS = 3600;
const HELP = ['--help', '-h'];

/**
 * What `flagstaff <group> <action> [options]` asks for, checked before anything is sent: a
 * mistake is a UsageError. Flags win over the environment; an empty variable counts as unset
 * (CI systems pass unset secrets as empty strings).
 */
export function parseInvocation(argv: readonly string[], env: Environment): Invocation {
  const [group, action, ...rest] = argv;
  if (group === undefined) throw new UsageError('give a command', GENERAL_USAGE);
  if (HELP.includes(group) || group === 'help') return { kind: 'help', text: helpText() };
  if (group === '--version') return { kind: 'version' };
  if (!COMMANDS.some((spec) => spec.group === group)) {
    throw new UsageError(`unknown command ${group}`, GENERAL_USAGE);
  }
  if (action !== undefined && HELP.includes(action)) return { kind: 'help', text: helpText(group) };
  const command = COMMANDS.find((spec) => spec.group === group && spec.action === action);
  if (command === undefined) {
    throw new UsageError(
      action === undefined ? `${group} needs an action` : `unknown command ${group} ${action}`,
      groupUsage(group),
    );
  }
  if (rest.some((arg) => HELP.includes(arg))) return { kind: 'help', text: helpText(command) };

  const read = new OptionReader(parseOptions(rest, command), usageLine(command));
  const body = JSON.stringify(command.body(read));
  return {
    kind: 'call',
    call: {
      command,
      server: serverAccess(read, env),
      body,
      idempotencyKey: idempotencyKey(read),
      retryForMs: retryFor(read) * 1000,
      output: output(read),
    },
  };
}

function parseOptions(args: readonly string[], command: CommandSpec): OptionValues {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const option of [...command.options, ...COMMON_OPTIONS]) options[option.name] = { type: 'string' };
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false })
      .values as OptionValues;
  } catch (error) {
    throw new UsageError((error as Error).message, usageLine(command));
  }
}

function serverAccess(read: OptionReader, env: Environment): ServerAccess {
  const url =
    nonEmpty(read.optional('url')) ??
    nonEmpty(env.FLAGSTAFF_URL) ??
    read.fail('FLAGSTAFF_URL is not set (or give --url)');
  const token =
    nonEmpty(read.optional('token')) ??
    nonEmpty(env.FLAGSTAFF_PIPELINE_TOKEN) ??
    read.fail('FLAGSTAFF_PIPELINE_TOKEN is not set (or give --token)');
  // Said without the token itself: error output ends up in build logs.
  if (!token.startsWith('fsp_')) read.fail('the token is not a pipeline token (fsp_…)');
  return { baseUrl: baseUrl(url, read), token, signingSecret: nonEmpty(env.FLAGSTAFF_SIGNING_SECRET) };
}

function baseUrl(text: string, read: OptionReader): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return read.fail(`the server URL ${JSON.stringify(text)} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') read.fail('the server URL is not http(s)');
  // fetch refuses such URLs, and the password would be printed with the URL in messages.
  if (url.username !== '' || url.password !== '') read.fail('the server URL holds a user name or password');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url;
}

function idempotencyKey(read: OptionReader): string {
  const key = read.optional('idempotency-key');
  if (key === undefined) return randomUUID();
  // As the server takes them; anything else could not even be sent as a header.
  if (!/^[\x20-\x7E]{1,255}$/.test(key))
    read.fail('--idempotency-key is 1 to 255 printable ASCII characters');
  return key;
}

function retryFor(read: OptionReader): number {
  const text = read.optional('retry-for');
  if (text === undefined) return DEFAULT_RETRY_FOR_SECONDS;
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds <= MAX_RETRY_FOR_SECONDS))
    read.fail(`--retry-for is a number of seconds from 0 to ${MAX_RETRY_FOR_SECONDS}`);
  return seconds;
}

function output(read: OptionReader): 'text' | 'json' {
  const value = read.optional('output') ?? 'text';
  if (value !== 'text' && value !== 'json') read.fail('--output is text or json');
  return value;
}

/** A value without surrounding white space (a secret file's last newline), or undefined when empty. */
function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
