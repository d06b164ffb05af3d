import { SDK_NODE_VERSION } from '../node-stream.js';
import { parseInvocation, type Environment, type HookCall } from './parse-invocation.js';
import { describeError, postHook, type HookOutcome } from './post-hook.js';
import { UsageError } from './usage-error.js';

export const EXIT_CODES = { ok: 0, refused: 1, usage: 2, unreachable: 3 } as const;
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Where the CLI writes: results to stdout, everything else to stderr. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `flagstaff …`: parses, calls the hook, prints, and says the exit code. */
export async function runCli(argv: readonly string[], env: Environment, out: CliOutput): Promise<ExitCode> {
  let invocation;
  try {
    invocation = parseInvocation(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr(`flagstaff: ${error.message}\n${error.usage}\n(flagstaff --help explains every command)\n`);
    return EXIT_CODES.usage;
  }
  if (invocation.kind === 'help') {
    out.stdout(invocation.text);
    return EXIT_CODES.ok;
  }
  if (invocation.kind === 'version') {
    out.stdout(`flagstaff ${SDK_NODE_VERSION}\n`);
    return EXIT_CODES.ok;
  }
  return report(invocation.call, await postHook(invocation.call), out);
}

function report(call: HookCall, outcome: HookOutcome, out: CliOutput): ExitCode {
  const where = `${call.server.baseUrl.origin}${call.server.baseUrl.pathname}`;
  if (outcome.kind === 'gave-up') {
    out.stderr(
      `flagstaff: gave up on ${where} after ${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}: ${outcome.problem}\n` +
        'The request may have been recorded; to retry it safely, run the same command with ' +
        `--idempotency-key ${call.idempotencyKey}\n`,
    );
    return EXIT_CODES.unreachable;
  }
  if (outcome.kind === 'refused') {
    out.stderr(refusal(outcome, where));
    return EXIT_CODES.refused;
  }
  const record = (outcome.body as Record<string, { id?: unknown } | undefined> | undefined)?.[
    call.command.answer
  ];
  if (typeof record?.id !== 'string') {
    out.stderr(
      `flagstaff: the answer from ${where} is not a Flagstaff hook's (is that the Flagstaff server?)\n`,
    );
    return EXIT_CODES.refused;
  }
  out.stdout(call.output === 'json' ? `${JSON.stringify(outcome.body, null, 2)}\n` : `${record.id}\n`);
  return EXIT_CODES.ok;
}

function refusal(outcome: Extract<HookOutcome, { kind: 'refused' }>, where: string): string {
  if (outcome.status >= 300 && outcome.status < 400) {
    return (
      `flagstaff: ${where} answered ${outcome.status}, redirecting to ${outcome.location ?? '(nowhere)'}; ` +
      'set FLAGSTAFF_URL to the address the server answers at\n'
    );
  }
  const error = describeError(outcome.body);
  if (error === '') {
    return `flagstaff: ${where} refused the request with ${outcome.status} (is that the Flagstaff server?)\n`;
  }
  const { requestId, problems } = outcome.body as { requestId?: unknown; problems?: unknown };
  const lines = [`flagstaff: refused (${outcome.status}):${error}`];
  if (Array.isArray(problems)) {
    for (const p of problems as { path?: unknown; code?: unknown; message?: unknown }[]) {
      lines.push(`  ${String(p.path)} ${String(p.code)}: ${String(p.message)}`);
    }
  }
  if (typeof requestId === 'string') lines.push(`  (request id ${requestId})`);
  return `${lines.join('\n')}\n`;
}
