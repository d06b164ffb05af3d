import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = resolve(ROOT, 'server/dist/main.js');

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A real server process (`node server/dist/main.js`), as `npm start` runs it. */
export class ServerProcess {
  readonly exited: Promise<Exit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly output: { out: () => string; err: () => string },
  ) {
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): string {
    return this.output.out();
  }

  get stderr(): string {
    return this.output.err();
  }

  /** Every JSON log line the server wrote so far. */
  logLines(): Array<Record<string, unknown>> {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Sends SIGTERM and resolves with how the process ended and how long it took. */
  async stop(): Promise<Exit & { ms: number }> {
    const started = Date.now();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    const exit = await this.exited;
    return { ...exit, ms: Date.now() - started };
  }

  /** Starts the server on a free port with `env` (and nothing inherited about databases). */
  static async start(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<ServerProcess> {
    const { run, ready } = ServerProcess.spawn(env);
    let timer: NodeJS.Timeout | undefined;
    const url = await Promise.race([
      ready,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          run.child.kill('SIGKILL');
          reject(new Error(`server did not start in ${timeoutMs} ms:\n${run.out()}\n${run.err()}`));
        }, timeoutMs).unref();
      }),
    ]).finally(() => clearTimeout(timer)); // else a server that started is killed timeoutMs later
    return new ServerProcess(run.child, url, { out: run.out, err: run.err });
  }

  /** Runs the server expecting it to stop by itself (a start-up failure); resolves with its output. */
  static async runToExit(
    env: Record<string, string | undefined>,
  ): Promise<Exit & { stdout: string; stderr: string }> {
    const { run } = ServerProcess.spawn(env);
    const exit = await new Promise<Exit>((done) =>
      run.child.once('exit', (code, signal) => done({ code, signal })),
    );
    return { ...exit, stdout: run.out(), stderr: run.err() };
  }

  private static spawn(env: Record<string, string | undefined>) {
    const base = { ...process.env };
    for (const name of [
      'DATABASE_URL',
      'REDIS_URL',
      'FLAGSTAFF_DATA_DIR',
      'FLAGSTAFF_SECRET_KEY',
      'PORT',
      'LOG_LEVEL',
    ]) {
      delete base[name];
    }
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...base, PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const ready = new Promise<string>((resolveUrl, reject) => {
      const onData = () => {
        const match = /"msg":"Flagstaff listening on (http:\/\/[^"]+)"/.exec(out);
        if (match) {
          child.stdout!.off('data', onData);
          resolveUrl(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`server exited (${code}) before listening:\n${out}\n${err}`)),
      );
    });
    ready.catch(() => {});
    return { run: { child, out: () => out, err: () => err }, ready };
  }
}
