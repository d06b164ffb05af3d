import 'reflect-metadata';
import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DependencyUnavailableError } from './app/dependency-unavailable-error.js';
import type { Actor } from './auth/actor.js';
import { TokenEntity } from './auth/token.entity.js';
import type { AdminRole } from './auth/token-secret.js';
import { MemoryBus } from './bus/memory-bus.js';
import { ChangeWriter } from './changes/change-writer.js';
import { loadConfig, type Config } from './config/config.js';
import { ConfigError } from './config/config-error.js';
import { InvalidInputError } from './errors/invalid-input-error.js';
import { NotFoundError } from './errors/not-found-error.js';
import { createLogger } from './logging/logger.js';
import { ProjectEntity } from './projects/project.entity.js';
import { ProjectLookup } from './projects/project-lookup.js';
import { DataDirLockedError } from './storage/data-dir-lock.js';
import { migrateUp } from './storage/migrator.js';
import { openStorage, type Storage } from './storage/storage.js';
import { mintToken } from './tokens/mint-token.js';
import { PipelineSigningSecrets } from './tokens/pipeline-signing-secrets.js';
import { TokensService } from './tokens/tokens.service.js';
import { ConfigSecrets } from './configuration/config-secrets.js';
import { InputChecks } from './validation/input-checks.js';

const USAGE = `usage: npm run token:create -- --name NAME [--project KEY] [--role viewer|editor|owner]

Creates an admin token and prints it once. Without --project it is an owner of every project, like
the token the first start printed; with --project it is limited to that project (owner unless
--role says otherwise). On the embedded database, stop the server first.
`;

const ROLES: readonly AdminRole[] = ['viewer', 'editor', 'owner'];

/** A mistake in the command line: the usage is printed and the exit code is 2. */
class UsageError extends Error {}

/** Refused for a reason the person can fix; printed as is, exit code 1. */
class Refusal extends Error {}

interface CreateRequest {
  readonly name: string;
  readonly projectKey: string | undefined;
  readonly role: AdminRole;
}

/**
 * `npm run token:create`: for when the first-run owner token is lost. It works on the database
 * directly, so it needs the same configuration as the server (DATABASE_URL or FLAGSTAFF_DATA_DIR).
 */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || rest.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'create') throw new UsageError(`unknown command ${command ?? '(none)'}`);
  const request = parseCreate(rest);
  const config = loadConfig(process.env);
  const storage = await open(config);
  try {
    await migrateUp(storage.dataSource);
    await requireSetUp(storage);
    const label = `token-cli (${operator()})`;
    const { secret, prefix } = request.projectKey
      ? await createProjectToken(storage, request, label)
      : await createInstanceOwner(storage, request.name.trim(), label);
    const scope = request.projectKey ? `project ${request.projectKey}` : 'every project';
    process.stderr.write(
      `Created ${/^[aeiou]/.test(request.role) ? 'an' : 'a'} ${request.role} token "${request.name.trim()}" for ${scope} (${prefix}).\n` +
        'It is shown once, here: only its hash is stored.\n',
    );
    process.stdout.write(`${secret}\n`);
    return 0;
  } finally {
    await storage.dataSource.destroy();
  }
}

function parseCreate(args: readonly string[]): CreateRequest {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { name: { type: 'string' }, project: { type: 'string' }, role: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.name === undefined) throw new UsageError('--name is required');
  try {
    new InputChecks().name('--name', values.name).done();
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UsageError(error.message);
    throw error;
  }
  const role = (values.role ?? 'owner').toLowerCase() as AdminRole;
  if (!ROLES.includes(role)) throw new UsageError(`--role is one of ${ROLES.join(', ')}`);
  if (values.project === undefined && role !== 'owner') {
    throw new UsageError(
      'a token for every project is always an owner; give --project for a viewer or editor',
    );
  }
  return { name: values.name, projectKey: values.project, role };
}

/** Opens the database; on the embedded default, refuses while a server holds the data folder. */
async function open(config: Config): Promise<Storage> {
  try {
    return await openStorage(config, { poolSize: 1 });
  } catch (error) {
    if (error instanceof DependencyUnavailableError && error.cause instanceof DataDirLockedError) {
      throw new Refusal(
        `cannot create a token now: ${error.cause.message}.\n` +
          'Stop the server, run this again, then start the server: the embedded database serves one process at a time.',
      );
    }
    throw error;
  }
}

/** An empty database has no token to lose: the server's first start makes one and prints it. */
async function requireSetUp(storage: Storage): Promise<void> {
  const [projects, tokens] = await Promise.all([
    storage.dataSource.getRepository(ProjectEntity).count(),
    storage.dataSource.getRepository(TokenEntity).count(),
  ]);
  if (projects === 0 && tokens === 0) {
    throw new Refusal(
      'this database is new: start the server (npm start); its first start creates the project "default" and prints an owner token',
    );
  }
}

/** Instance-wide, like the first run's token: no project to record a revision in, as at the first run. */
async function createInstanceOwner(storage: Storage, name: string, label: string) {
  const { token, secret } = await mintToken(storage.dataSource.manager, {
    kind: 'admin',
    name,
    role: 'owner',
    projectId: null,
    environmentId: null,
    createdBy: label,
  });
  return { secret, prefix: token.prefix };
}

/** Through the same service as GraphQL's createAdminToken, so the project's audit log records it. */
async function createProjectToken(storage: Storage, request: CreateRequest, label: string) {
  const { dataSource } = storage;
  const lookup = new ProjectLookup(dataSource);
  const bus = new MemoryBus(() => {});
  const writer = new ChangeWriter(dataSource, bus, createLogger({ logLevel: 'silent', logFormat: 'json' }));
  // Whoever can run this can write the database; it acts as an instance-wide owner.
  const actor: Actor = { tokenId: 'token-cli', role: 'owner', projectId: null, label };
  try {
    // No secret key here: admin tokens need none (only pipeline tokens' signing secrets do).
    const signingSecrets = new PipelineSigningSecrets(dataSource, new ConfigSecrets(null));
    const tokens = new TokensService(dataSource, lookup, writer, signingSecrets);
    const { token, secret } = await tokens.createAdminToken(actor, request.projectKey!, {
      name: request.name,
      role: request.role,
    });
    return { secret, prefix: token.prefix };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const keys = (await dataSource.getRepository(ProjectEntity).find({ order: { key: 'ASC' } })).map(
      (p) => p.key,
    );
    throw new Refusal(`there is no project ${request.projectKey} (projects: ${keys.join(', ') || 'none'})`);
  } finally {
    await bus.close();
  }
}

/** Who ran the command, for the token's "created by" and the audit log. */
function operator(): string {
  try {
    return `${userInfo().username}@${hostname()}`;
  } catch {
    return hostname();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`flagstaff: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const known =
      error instanceof Refusal || error instanceof ConfigError || error instanceof DependencyUnavailableError;
    const prefix = error instanceof ConfigError ? 'invalid configuration: ' : '';
    process.stderr.write(
      `flagstaff: ${prefix}${known ? (error as Error).message : (error as Error).stack}\n`,
    );
    process.exit(1);
  },
);
