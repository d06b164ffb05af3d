import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adminClient, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { flagstaffCli, words } from '../support/flagstaff-cli.js';
import { freePort } from '../support/redis-server.js';
import { ServerProcess } from '../support/server-process.js';
import type { CliRun } from '../support/token-cli.js';

interface PipelineToken {
  secret: string;
  signingSecret: string | null;
}

/**
 * The `flagstaff` bin, built, against a real server process: every command, signed tokens,
 * refusals (exit 1), usage errors (exit 2), an unreachable server (exit 3), and retries that
 * carry one Idempotency-Key so the server acts once.
 */
describe('the flagstaff CLI against a server process', () => {
  let server: ServerProcess;
  let admin: AdminClient;
  let plain: PipelineToken;
  let signed: PipelineToken;
  const secrets: string[] = [];

  /** Runs the CLI; whatever it says, it never repeats a token or signing secret. */
  const cli = async (
    args: readonly string[],
    env: Record<string, string | undefined> = {},
  ): Promise<CliRun> => {
    const run = await flagstaffCli(args, env);
    for (const secret of secrets) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    return run;
  };
  const asPipeline = (token: PipelineToken = plain) => ({
    FLAGSTAFF_URL: server.url,
    FLAGSTAFF_PIPELINE_TOKEN: token.secret,
    FLAGSTAFF_SIGNING_SECRET: token.signingSecret ?? undefined,
  });
  const deployments = async (environment: string, application: string) =>
    (
      await admin<{ deployments: { nodes: Record<string, unknown>[] } }>(
        `query($e: String!, $a: String!) { deployments(project: "default", environment: $e, application: $a) {
          nodes { id version status pipelineRunUrl strategy { type maxSurge maxUnavailable steps } events { status details } } } }`,
        { e: environment, a: application },
      )
    ).deployments.nodes;
  const pipelineToken = async (name: string, requireSignature: boolean) =>
    (
      await admin<{ createPipelineToken: PipelineToken }>(
        `mutation($n: String!, $s: Boolean!) {
          createPipelineToken(project: "default", input: { name: $n, requireSignature: $s }) { secret signingSecret } }`,
        { n: name, s: requireSignature },
      )
    ).createPipelineToken;

  beforeAll(async () => {
    server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await freshDataDir() });
    admin = adminClient(server.url, ownerTokenIn(server.stdout));
    plain = await pipelineToken('ci', false);
    signed = await pipelineToken('signed ci', true);
    if (!signed.signingSecret) throw new Error('a token made with requireSignature has a signing secret');
    secrets.push(plain.secret, signed.secret, signed.signingSecret);
  });

  afterAll(async () => {
    await server?.stop();
    await removeDataDirs();
  });

  it('records an artifact, its release and promotion, a deployment through its statuses, and health', async () => {
    const env = asPipeline();
    const artifact = await cli(
      words(
        `artifact create --app checkout --version 2.3.0 --commit 9fceb02d0ae598e95dc970b74767f19372d61af8 --image-digest sha256:${'a'.repeat(64)} --build-url https://ci.example.com/builds/17`,
      ),
      env,
    );
    expect(artifact).toEqual({ code: 0, stdout: expect.stringMatching(/^[0-9a-f-]{36}\n$/), stderr: '' });

    const release = await cli(words('release create --app checkout --version 2.3.0'), env);
    expect(release.code).toBe(0);
    const promoted = await cli(
      [...words('release promote --app checkout --version 2.3.0 --stage rc --notes'), 'QA passed'],
      env,
    );
    expect(promoted).toEqual({ code: 0, stdout: release.stdout, stderr: '' });

    const started = await cli(
      words(
        'deployment start --app checkout --version 2.3.0 --env staging --strategy canary --canary-steps 10,50,100 --run-url https://ci.example.com/runs/9',
      ),
      env,
    );
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    const succeeded = await cli(
      words(`deployment succeed --id ${id} --details {"pods":3} --output json`),
      env,
    );
    expect(succeeded.code).toBe(0);
    expect(JSON.parse(succeeded.stdout)).toMatchObject({
      deployment: {
        id,
        application: 'checkout',
        environment: 'staging',
        version: '2.3.0',
        status: 'succeeded',
      },
    });
    const rolledBack = await cli(words('deployment rollback --app checkout --env staging'), env);
    expect(rolledBack).toEqual({ code: 0, stdout: `${id}\n`, stderr: '' });

    const rolling = await cli(
      words(
        'deployment start --app checkout --version 2.3.0 --env staging --max-surge 1 --max-unavailable 0',
      ),
      env,
    );
    const failed = await cli(words('deployment fail --app checkout --env staging --version 2.3.0'), env);
    expect(failed).toEqual({ code: 0, stdout: rolling.stdout, stderr: '' });
    const blueGreen = await cli(
      words('deployment start --app checkout --version 2.3.0 --env development --strategy blue-green'),
      env,
    );
    expect(blueGreen.code).toBe(0);

    const ok = await cli(words('health ok --app checkout --env staging --source smoke-test'), env);
    const breach = await cli(
      words(
        'health breach --app checkout --env staging --source prometheus/HighErrorRate --details {"errorRate":0.07}',
      ),
      env,
    );
    expect([ok.code, breach.code]).toEqual([0, 0]);

    const records = await admin<{
      artifacts: { nodes: unknown[] };
      healthSignals: { nodes: unknown[] };
    }>(`{
      artifacts(project: "default", application: "checkout") {
        nodes { id version commit imageDigest buildUrl release { stage promotions { fromStage toStage notes } } } }
      healthSignals(project: "default", environment: "staging", application: "checkout") {
        nodes { status source details actor } } }`);
    expect(records.artifacts.nodes).toEqual([
      {
        id: artifact.stdout.trim(),
        version: '2.3.0',
        commit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
        imageDigest: `sha256:${'a'.repeat(64)}`,
        buildUrl: 'https://ci.example.com/builds/17',
        release: {
          stage: 'RC',
          promotions: [
            { fromStage: null, toStage: 'ALPHA', notes: null },
            { fromStage: 'ALPHA', toStage: 'RC', notes: 'QA passed' },
          ],
        },
      },
    ]);
    expect(records.healthSignals.nodes).toEqual([
      {
        status: 'BREACH',
        source: 'prometheus/HighErrorRate',
        details: { errorRate: 0.07 },
        actor: expect.stringMatching(/^ci \(fsp_/),
      },
      { status: 'OK', source: 'smoke-test', details: null, actor: expect.stringMatching(/^ci \(fsp_/) },
    ]);
    expect(await deployments('staging', 'checkout')).toEqual([
      {
        id: rolling.stdout.trim(),
        version: '2.3.0',
        status: 'FAILED',
        pipelineRunUrl: null,
        strategy: { type: 'rolling', maxSurge: '1', maxUnavailable: '0', steps: null },
        events: [
          { status: 'STARTED', details: null },
          { status: 'FAILED', details: null },
        ],
      },
      {
        id,
        version: '2.3.0',
        status: 'ROLLED_BACK',
        pipelineRunUrl: 'https://ci.example.com/runs/9',
        strategy: { type: 'canary', maxSurge: null, maxUnavailable: null, steps: [10, 50, 100] },
        events: [
          { status: 'STARTED', details: null },
          { status: 'SUCCEEDED', details: { pods: 3 } },
          { status: 'ROLLED_BACK', details: null },
        ],
      },
    ]);
    expect(await deployments('development', 'checkout')).toEqual([
      expect.objectContaining({
        id: blueGreen.stdout.trim(),
        strategy: expect.objectContaining({ type: 'blue-green' }),
      }),
    ]);
  });

  it('signs every request when FLAGSTAFF_SIGNING_SECRET is set, as a token that requires it needs', async () => {
    const env = asPipeline(signed);
    const args = words('artifact create --app signed-app --version 1.0.0');
    expect(await cli(args, env)).toMatchObject({ code: 0, stderr: '' });
    expect(
      await cli(words('deployment start --app signed-app --version 1.0.0 --env staging'), env),
    ).toMatchObject({
      code: 0,
    });

    const unsigned = await cli(args, { ...env, FLAGSTAFF_SIGNING_SECRET: '' });
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toMatch(
      /^flagstaff: refused \(401\): INVALID_SIGNATURE: this token requires signed requests/,
    );
    const forged = await cli(args, { ...env, FLAGSTAFF_SIGNING_SECRET: 'fsh_not-the-secret' });
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('INVALID_SIGNATURE: the signature does not match the request body');
  });

  it("exits 1 with the server's code and message when the server refuses", async () => {
    const env = asPipeline();
    await cli(words('artifact create --app refusals --version 1.0.0 --commit aaaaaaa'), env);
    const conflict = await cli(words('artifact create --app refusals --version 1.0.0 --commit bbbbbbb'), env);
    expect(conflict.code).toBe(1);
    expect(conflict.stdout).toBe('');
    expect(conflict.stderr).toMatch(
      /^flagstaff: refused \(409\): ARTIFACT_CONFLICT: .+\n {2}\(request id [0-9a-f-]+\)\n$/,
    );

    const invalid = await cli(words('artifact create --app refusals --version two --build-url ftp://x'), env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('flagstaff: refused (400): BAD_USER_INPUT');
    expect(invalid.stderr).toContain('  /version INVALID_VERSION: ');
    expect(invalid.stderr).toContain('  /buildUrl INVALID_URL: ');

    const unknownToken = await cli(words('health ok --app refusals --env staging --source s'), {
      ...env,
      FLAGSTAFF_PIPELINE_TOKEN: 'fsp_revoked-or-made-up',
    });
    expect(unknownToken.code).toBe(1);
    expect(unknownToken.stderr).toMatch(/^flagstaff: refused \(401\): UNAUTHENTICATED/);

    const missing = await cli(words('deployment succeed --app refusals --env staging'), env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^flagstaff: refused \(404\): NOT_FOUND/);
  });

  it('exits 2 on a usage error, with the problem and the usage line, and sends nothing', async () => {
    const run = await cli(words('deployment start --app checkout --version 2.3.0'), {
      ...asPipeline(),
      // Nothing listens here: a request would be exit 3, not 2.
      FLAGSTAFF_URL: `http://127.0.0.1:${await freePort()}`,
    });
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'flagstaff: --env is required\n' +
        'usage: flagstaff deployment start --app KEY --version SEMVER --env KEY [--strategy rolling|blue-green|canary] ' +
        '[--max-surge N|N%] [--max-unavailable N|N%] [--canary-steps 10,50,100] [--run-url URL]\n' +
        '(flagstaff --help explains every command)\n',
    });
    const noToken = await cli(words('health ok --app a --env staging --source s'), {
      FLAGSTAFF_URL: server.url,
    });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('FLAGSTAFF_PIPELINE_TOKEN is not set (or give --token)');
  });

  it('exits 3 when the server cannot be reached, after retrying, and says how to retry safely', async () => {
    const port = await freePort();
    const run = await cli(words('health breach --app checkout --env staging --source s --retry-for 2'), {
      ...asPipeline(),
      FLAGSTAFF_URL: `http://127.0.0.1:${port}`,
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      new RegExp(
        `^flagstaff: gave up on http://127\\.0\\.0\\.1:${port}/ after \\d+ attempts?: connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\n` +
          'The request may have been recorded; to retry it safely, run the same command with --idempotency-key [0-9a-f-]{36}\\n$',
      ),
    );
  });

  it('retries a failed or unanswered request with the same Idempotency-Key, and the server acts once', async () => {
    // Between the CLI and the server: answers 503 without passing the first request on, passes
    // the second on but cuts the connection before its answer, and relays the third.
    const proxy = await flakyProxy(server.url, ['unavailable', 'lose-answer', 'relay']);
    try {
      await cli(words('artifact create --app retried --version 4.0.0'), asPipeline(signed));
      const run = await cli(words('deployment start --app retried --version 4.0.0 --env production'), {
        ...asPipeline(signed),
        FLAGSTAFF_URL: proxy.url,
      });
      expect(run).toEqual({ code: 0, stdout: expect.stringMatching(/^[0-9a-f-]{36}\n$/), stderr: '' });
      expect(proxy.requests).toHaveLength(3);
      const keys = new Set(proxy.requests.map((r) => r.headers['idempotency-key']));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
      // Signed afresh each time: the server accepts a signature once.
      expect(new Set(proxy.requests.map((r) => r.headers['x-flagstaff-signature'])).size).toBe(3);
      expect(proxy.requests.map((r) => r.answer)).toEqual([503, 201, 201]);
      expect(proxy.requests[2].replayed).toBe('true');

      const held = await deployments('production', 'retried');
      expect(held).toEqual([expect.objectContaining({ id: run.stdout.trim(), status: 'STARTED' })]);
    } finally {
      await proxy.close();
    }
  });
});

type ProxyStep = 'unavailable' | 'lose-answer' | 'relay';

interface ProxiedRequest {
  readonly headers: IncomingHttpHeaders;
  answer?: number;
  replayed?: string | null;
}

/** An HTTP proxy to `target` that misbehaves as `plan` says, request by request (then relays). */
async function flakyProxy(target: string, plan: readonly ProxyStep[]) {
  const requests: ProxiedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: ProxiedRequest = { headers: req.headers };
    requests.push(seen);
    const step = plan[requests.length - 1] ?? 'relay';
    if (step === 'unavailable') {
      seen.answer = 503;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'the proxy says no' }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const name of [
      'authorization',
      'content-type',
      'idempotency-key',
      'x-flagstaff-signature',
      'user-agent',
    ]) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      body: Buffer.concat(chunks),
    });
    const body = await answer.text();
    seen.answer = answer.status;
    seen.replayed = answer.headers.get('idempotent-replayed');
    if (step === 'lose-answer') {
      res.socket?.destroy();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}
