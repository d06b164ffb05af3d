// A Flagstaff server process for the browser suites, with its owner's GraphQL client and the few
// staging-environment edits they make.
import { adminClient, ownerTokenIn, type AdminClient } from '../support/admin-client.js';
import { freshDataDir, removeDataDirs } from '../support/data-dir.js';
import { freePort } from '../support/redis-server.js';
import { ServerProcess } from '../support/server-process.js';

export class FlagServer {
  private constructor(
    private readonly process: ServerProcess,
    readonly admin: AdminClient,
  ) {}

  static async start(): Promise<FlagServer> {
    const port = await freePort();
    const process = await ServerProcess.start({
      FLAGSTAFF_DATA_DIR: await freshDataDir(),
      PORT: String(port),
    });
    return new FlagServer(process, adminClient(process.url, ownerTokenIn(process.stdout)));
  }

  get url(): string {
    return this.process.url;
  }

  /** What the server logged so far. */
  get log(): string {
    return this.process.stdout + this.process.stderr;
  }

  /** A boolean flag of the default project, off in every environment. */
  async createFlag(key: string, clientSide: boolean): Promise<void> {
    await this.admin(
      `mutation { createFlag(project: "default", input: { key: "${key}", name: "${key}", kind: BOOLEAN, clientSide: ${clientSide} }) { key } }`,
    );
  }

  /** Replaces the flag's staging configuration (`config` is a FlagConfigInput in GraphQL syntax). */
  async configure(flag: string, config: string): Promise<void> {
    await this.admin(
      `mutation($f: String!, $v: Int!) { updateFlagConfig(project: "default", environment: "staging", flag: $f, expectedVersion: $v, input: ${config}) { version } }`,
      { f: flag, v: await this.flagVersion(flag) },
    );
  }

  async setEnabled(flag: string, enabled: boolean): Promise<void> {
    await this.admin(
      `mutation($f: String!, $e: Boolean!, $v: Int!) { setFlagEnabled(project: "default", environment: "staging", flag: $f, enabled: $e, expectedVersion: $v) { version } }`,
      { f: flag, e: enabled, v: await this.flagVersion(flag) },
    );
  }

  /** A new client SDK key of staging. */
  async clientKey(): Promise<string> {
    const data = await this.admin<{ createSdkKey: { secret: string } }>(
      'mutation { createSdkKey(project: "default", environment: "staging", input: { name: "web", kind: CLIENT }) { secret } }',
    );
    return data.createSdkKey.secret;
  }

  /** SIGTERM; the data folder stays until `remove`. */
  async stop(): Promise<void> {
    await this.process.stop();
  }

  async remove(): Promise<void> {
    await this.stop();
    await removeDataDirs();
  }

  private async flagVersion(flag: string): Promise<number> {
    const data = await this.admin<{ flag: { config: { version: number } } }>(
      `query($f: String!) { flag(project: "default", key: $f) { config(environment: "staging") { version } } }`,
      { f: flag },
    );
    return data.flag.config.version;
  }
}
