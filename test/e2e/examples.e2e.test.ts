import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { adminClient, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { cliEnvironment, flagstaffCli, writeFlagstaffShim } from '../support/flagstaff-cli.js';
import { ServerProcess } from '../support/server-process.js';
import type { CliRun } from '../support/token-cli.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples');

// Stands in for kubectl: logs each call's arguments, answers `get service` with the live colour
// (blue), and fails the first call whose arguments contain $KUBECTL_FAIL_ONCE.
const KUBECTL_STUB = `#!/bin/sh
printf '%s\\n' "$*" >> "$KUBECTL_LOG"
case "$*" in *"get service"*) echo blue ;; esac
if [ -n "\${KUBECTL_FAIL_ONCE:-}" ] && [ ! -e "$KUBECTL_LOG.failed" ]; then
  case "$*" in *"$KUBECTL_FAIL_ONCE"*) touch "$KUBECTL_LOG.failed"; echo "error: stub failure" >&2; exit 1 ;; esac
fi
exit 0
`;

interface DeploymentRecord {
  version: string;
  status: string;
  pipelineRunUrl: string | null;
  strategy: { type: string; maxSurge: string | null; maxUnavailable: string | null; steps: number[] | null };
  events: { status: string; details: unknown }[];
}

/**
 * The example deploy scripts, run by bash against a real server process with the built CLI as
 * `flagstaff` and a stub `kubectl` on PATH: what the server holds afterwards is what the scripts
 * reported, on the path where kubectl succeeds and on the one where it fails.
 */
describe('the example deploy scripts against a server process', () => {
  let server: ServerProcess;
  let admin: AdminClient;
  let token: string;
  let bin: string;
  let runs = 0;

  const pipelineEnv = () => ({ FLAGSTAFF_URL: server.url, FLAGSTAFF_PIPELINE_TOKEN: token });

  /** Runs a command with the stubs first on PATH; `kubectl` lists what the stub was asked. */
  const run = async (
    file: string,
    args: readonly string[],
    env: Record<string, string> = {},
    cwd = bin,
  ): Promise<CliRun & { kubectl: string[] }> => {
    const log = join(bin, `kubectl-${++runs}.log`);
    const result = await new Promise<CliRun>((done) => {
      execFile(
        file,
        [...args],
        {
          cwd,
          env: cliEnvironment({
            ...pipelineEnv(),
            PATH: `${bin}:${process.env.PATH}`,
            KUBECTL_LOG: log,
            ...env,
          }),
        },
        (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
      );
    });
    const kubectl = await readFile(log, 'utf8').then(
      (text) => text.trim().split('\n'),
      () => [],
    );
    return { ...result, kubectl };
  };
  const script = (name: string, app: string, env: Record<string, string> = {}) =>
    run(
      'bash',
      [join(EXAMPLES, 'kubectl', name), app, '2.3.0', 'production', `registry.example.com/${app}:2.3.0`],
      env,
    );
  const artifact = async (app: string) => {
    const made = await flagstaffCli(
      ['artifact', 'create', '--app', app, '--version', '2.3.0'],
      pipelineEnv(),
    );
    expect(made.code).toBe(0);
  };
  const deployments = async (app: string) =>
    (
      await admin<{ deployments: { nodes: DeploymentRecord[] } }>(
        `query($a: String!) { deployments(project: "default", environment: "production", application: $a) {
          nodes { version status pipelineRunUrl strategy { type maxSurge maxUnavailable steps } events { status details } } } }`,
        { a: app },
      )
    ).deployments.nodes;
  const statuses = (record: DeploymentRecord) => record.events.map((e) => e.status);

  beforeAll(async () => {
    server = await ServerProcess.start({ FLAGSTAFF_DATA_DIR: await freshDataDir() });
    admin = adminClient(server.url, ownerTokenIn(server.stdout));
    token = (
      await admin<{ createPipelineToken: { secret: string } }>(
        'mutation { createPipelineToken(project: "default", input: { name: "examples" }) { secret } }',
      )
    ).createPipelineToken.secret;
    bin = await mkdtemp(join(tmpdir(), 'flagstaff-examples-'));
    await writeFile(join(bin, 'kubectl'), KUBECTL_STUB);
    await chmod(join(bin, 'kubectl'), 0o755);
    await writeFlagstaffShim(bin);
  });

  afterAll(async () => {
    await server?.stop();
    await removeDataDirs();
    if (bin) await rm(bin, { recursive: true, force: true });
  });

  describe('kubectl/deploy.sh', () => {
    it('reports the deployment succeeded once `kubectl rollout status` says the rollout completed', async () => {
      await artifact('web');
      const result = await script('deploy.sh', 'web', {
        MAX_SURGE: '1',
        RUN_URL: 'https://ci.example.com/runs/5',
      });
      expect(result.code).toBe(0);
      expect(result.kubectl).toEqual([
        '--namespace production set image deployment/web web=registry.example.com/web:2.3.0',
        '--namespace production rollout status deployment/web --timeout 5m',
      ]);
      expect(await deployments('web')).toEqual([
        {
          version: '2.3.0',
          status: 'SUCCEEDED',
          pipelineRunUrl: 'https://ci.example.com/runs/5',
          strategy: { type: 'rolling', maxSurge: '1', maxUnavailable: '25%', steps: null },
          events: [
            { status: 'STARTED', details: null },
            { status: 'SUCCEEDED', details: null },
          ],
        },
      ]);
    });

    it('undoes a rollout that did not complete and reports the deployment failed, then rolled back', async () => {
      await artifact('api');
      const result = await script('deploy.sh', 'api', {
        KUBECTL_FAIL_ONCE: 'rollout status',
        ROLLOUT_TIMEOUT: '90s',
      });
      expect(result.code).toBe(1);
      expect(result.kubectl).toEqual([
        '--namespace production set image deployment/api api=registry.example.com/api:2.3.0',
        '--namespace production rollout status deployment/api --timeout 90s',
        '--namespace production rollout undo deployment/api',
        '--namespace production rollout status deployment/api --timeout 90s',
      ]);
      const [record] = await deployments('api');
      expect(record.status).toBe('ROLLED_BACK');
      expect(record.events).toEqual([
        { status: 'STARTED', details: null },
        { status: 'FAILED', details: { step: 'kubectl rollout status', timeout: '90s' } },
        { status: 'ROLLED_BACK', details: null },
      ]);
    });

    it('reports a failure to change the image as failed, with nothing to undo', async () => {
      await artifact('jobs');
      const result = await script('deploy.sh', 'jobs', { KUBECTL_FAIL_ONCE: 'set image' });
      expect(result.code).toBe(1);
      expect(result.kubectl).toEqual([
        '--namespace production set image deployment/jobs jobs=registry.example.com/jobs:2.3.0',
      ]);
      const [record] = await deployments('jobs');
      expect(record.status).toBe('FAILED');
      expect(record.events[1]).toEqual({ status: 'FAILED', details: { step: 'kubectl set image' } });
    });
  });

  describe('kubectl/deploy-canary.sh', () => {
    const canary = { CANARY_STEPS: '25,100', REPLICAS: '4', BAKE_SECONDS: '0' };

    it('moves replicas to the canary step by step, promotes the image, and reports success', async () => {
      await artifact('shop');
      const result = await script('deploy-canary.sh', 'shop', canary);
      expect(result.code).toBe(0);
      expect(result.kubectl).toEqual([
        '--namespace production set image deployment/shop-canary shop=registry.example.com/shop:2.3.0',
        '--namespace production scale deployment/shop-canary --replicas 1',
        '--namespace production scale deployment/shop --replicas 3',
        '--namespace production rollout status deployment/shop-canary --timeout 5m',
        '--namespace production set image deployment/shop shop=registry.example.com/shop:2.3.0',
        '--namespace production scale deployment/shop --replicas 4',
        '--namespace production rollout status deployment/shop --timeout 5m',
        '--namespace production scale deployment/shop-canary --replicas 0',
      ]);
      const [record] = await deployments('shop');
      expect(record).toMatchObject({ status: 'SUCCEEDED', strategy: { type: 'canary', steps: [25, 100] } });
    });

    it('empties the canary and reports a rollback when its check fails', async () => {
      await artifact('cart');
      const result = await script('deploy-canary.sh', 'cart', { ...canary, CANARY_CHECK: 'exit 1' });
      expect(result.code).toBe(1);
      expect(result.kubectl.slice(4)).toEqual([
        '--namespace production scale deployment/cart-canary --replicas 0',
        '--namespace production scale deployment/cart --replicas 4',
        '--namespace production rollout status deployment/cart --timeout 5m',
      ]);
      const [record] = await deployments('cart');
      expect(statuses(record)).toEqual(['STARTED', 'FAILED', 'ROLLED_BACK']);
      expect(record.events[1].details).toEqual({ step: 'check at 25 %' });
    });
  });

  describe('kubectl/deploy-blue-green.sh', () => {
    it('rolls the idle colour out, switches the Service to it, and reports success', async () => {
      await artifact('search');
      const result = await script('deploy-blue-green.sh', 'search');
      expect(result.code).toBe(0);
      expect(result.kubectl).toEqual([
        '--namespace production get service search --output jsonpath={.spec.selector.slot}',
        '--namespace production set image deployment/search-green search=registry.example.com/search:2.3.0',
        '--namespace production rollout status deployment/search-green --timeout 5m',
        '--namespace production patch service search --patch {"spec":{"selector":{"slot":"green"}}}',
      ]);
      const [record] = await deployments('search');
      expect(record).toMatchObject({ status: 'SUCCEEDED', strategy: { type: 'blue-green' } });
    });

    it('switches back and reports a rollback when the new colour fails its check after the switch', async () => {
      await artifact('auth');
      // Passes before the switch, fails after it; notes the colour it was given each time.
      const mark = join(bin, 'smoke-tested');
      const result = await script('deploy-blue-green.sh', 'auth', {
        SMOKE_TEST: `echo "$SLOT" >> '${mark}.slots'; if [ -e '${mark}' ]; then exit 1; fi; touch '${mark}'`,
      });
      expect(result.code).toBe(1);
      expect(await readFile(`${mark}.slots`, 'utf8')).toBe('green\ngreen\n');
      expect(result.kubectl.slice(3)).toEqual([
        '--namespace production patch service auth --patch {"spec":{"selector":{"slot":"green"}}}',
        '--namespace production patch service auth --patch {"spec":{"selector":{"slot":"blue"}}}',
      ]);
      const [record] = await deployments('auth');
      expect(statuses(record)).toEqual(['STARTED', 'FAILED', 'ROLLED_BACK']);
      expect(record.events[1].details).toEqual({ slot: 'green', step: 'after the switch' });
    });
  });

  describe('github-actions/deploy.yml', () => {
    interface Step {
      name?: string;
      uses?: string;
      run?: string;
      env?: Record<string, string>;
    }
    interface Workflow {
      on: unknown;
      env: Record<string, string>;
      jobs: Record<string, { 'runs-on': string; needs?: string; steps: Step[] }>;
    }

    it('parses as a workflow whose flagstaff steps record, release, deploy and promote against the server', async () => {
      const workflow = parse(
        await readFile(join(EXAMPLES, 'github-actions', 'deploy.yml'), 'utf8'),
      ) as Workflow;
      expect(Object.keys(workflow.jobs)).toEqual(['build', 'deploy']);
      expect(workflow.jobs.deploy.needs).toBe('build');
      for (const job of Object.values(workflow.jobs)) {
        expect(job['runs-on']).toBe('ubuntu-latest');
        for (const step of job.steps) expect(typeof (step.run ?? step.uses)).toBe('string');
      }
      expect(Object.keys(workflow.env)).toEqual(
        expect.arrayContaining(['FLAGSTAFF_URL', 'FLAGSTAFF_PIPELINE_TOKEN', 'FLAGSTAFF_SIGNING_SECRET']),
      );

      // The steps that call flagstaff or deploy.sh, run as Actions runs them (bash -eo pipefail),
      // with the values GitHub would put in their environment.
      const work = await mkdtemp(join(tmpdir(), 'flagstaff-workflow-'));
      try {
        await copyFile(join(EXAMPLES, 'kubectl', 'deploy.sh'), join(work, 'deploy.sh'));
        await chmod(join(work, 'deploy.sh'), 0o755);
        const github = {
          APP: 'storefront',
          VERSION: '2.3.0',
          DIGEST: `sha256:${'b'.repeat(64)}`,
          IMAGE: `ghcr.io/acme/storefront@sha256:${'b'.repeat(64)}`,
          GITHUB_SHA: '9fceb02d0ae598e95dc970b74767f19372d61af8',
          RUN_URL: 'https://github.com/acme/storefront/actions/runs/42',
          FLAGSTAFF_SIGNING_SECRET: '',
        };
        const steps = Object.values(workflow.jobs)
          .flatMap((job) => job.steps)
          .filter((step) => step.run !== undefined && /^(flagstaff|\.\/deploy\.sh) /m.test(step.run));
        expect(steps).toHaveLength(3);
        for (const step of steps) {
          const result = await run(
            'bash',
            ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!],
            github,
            work,
          );
          expect({ step: step.name ?? step.run, ...result }).toMatchObject({ code: 0 });
        }
      } finally {
        await rm(work, { recursive: true, force: true });
      }

      const records = await admin<{ artifacts: { nodes: unknown[] } }>(`{
        artifacts(project: "default", application: "storefront") {
          nodes { version commit imageDigest buildUrl release { stage } } } }`);
      expect(records.artifacts.nodes).toEqual([
        {
          version: '2.3.0',
          commit: '9fceb02d0ae598e95dc970b74767f19372d61af8',
          imageDigest: `sha256:${'b'.repeat(64)}`,
          buildUrl: 'https://github.com/acme/storefront/actions/runs/42',
          release: { stage: 'STABLE' },
        },
      ]);
      const [record] = await deployments('storefront');
      expect(record).toMatchObject({
        status: 'SUCCEEDED',
        pipelineRunUrl: 'https://github.com/acme/storefront/actions/runs/42',
      });
    });
  });
});
