import { randomUUID } from 'node:crypto';
import { issueToken, type AdminRole } from '../../server/src/auth/token-secret.js';
import { TokenEntity } from '../../server/src/auth/token.entity.js';
import { loadConfig } from '../../server/src/config/config.js';
import { createLogger } from '../../server/src/logging/logger.js';
import { ProjectEntity } from '../../server/src/projects/project.entity.js';
import { startServer, type RunningServer } from '../../server/src/server.js';
import { createTestDatabase, type Backend, type TestDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly data: T | null;
  readonly errors?: ReadonlyArray<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

/** A server in this process on a fresh test database, spoken to over real HTTP. */
export interface AdminApi {
  readonly server: RunningServer;
  readonly url: string;
  /** The first run's instance-wide owner token. */
  readonly ownerToken: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
  /** A new SDK key of the `default` project through GraphQL (as the owner): its token id and secret. */
  sdkKey(kind: 'SERVER' | 'CLIENT', environment?: string): Promise<{ id: string; secret: string }>;
  /** Mints an admin token directly in the database (for tests that need a role before tokens exist). */
  adminToken(role: AdminRole, projectKey?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startAdminApi(options: { backend?: Backend } = {}): Promise<AdminApi> {
  const database: TestDatabase = await createTestDatabase({ backend: options.backend, migrated: false });
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    FLAGSTAFF_SECRET_KEY: Buffer.alloc(32, 7).toString('hex'),
  });
  const server = await startServer(config, createLogger(config), database.open());
  const ownerToken = server.firstRun?.ownerToken;
  if (!ownerToken) throw new Error('the test database was not empty');
  const url = server.url;
  const api: AdminApi = {
    server,
    url,
    ownerToken,
    async gql(query, variables, token = ownerToken) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body } as GraphQLResponse<never>;
    },
    async sdkKey(kind, environment = 'development') {
      const res = await api.gql<{ createSdkKey: { token: { id: string }; secret: string } }>(
        `mutation($env: String!, $kind: SdkKeyKind!) {
          createSdkKey(project: "default", environment: $env, input: { name: "test", kind: $kind }) { token { id } secret } }`,
        { env: environment, kind },
      );
      if (!res.data) throw new Error(`createSdkKey failed: ${JSON.stringify(res.errors)}`);
      return { id: res.data.createSdkKey.token.id, secret: res.data.createSdkKey.secret };
    },
    async adminToken(role, projectKey) {
      const db = server.storage.dataSource;
      const project = projectKey
        ? await db.getRepository(ProjectEntity).findOneByOrFail({ key: projectKey })
        : null;
      const token = issueToken('admin');
      await db.getRepository(TokenEntity).insert({
        id: randomUUID(),
        kind: 'admin',
        name: `test ${role}`,
        prefix: token.prefix,
        secretHash: token.hash,
        role,
        projectId: project?.id ?? null,
        createdBy: 'test',
      });
      return token.secret;
    },
    async close() {
      await server.close();
      await database.drop();
    },
  };
  return api;
}
