import 'reflect-metadata';
import { DependencyUnavailableError } from './app/dependency-unavailable-error.js';
import { loadConfig } from './config/config.js';
import { ConfigError } from './config/config-error.js';
import { createLogger } from './logging/logger.js';
import { signInBanner } from './first-run/sign-in-banner.js';
import { openStorage } from './storage/storage.js';

/** Start-up failures a person can fix get one clear line, not a stack trace. */
function fail(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`flagstaff: invalid configuration: ${error.message}\n`);
  } else if (error instanceof DependencyUnavailableError) {
    process.stderr.write(`flagstaff: ${error.message}\n`);
  } else if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    process.stderr.write(
      `flagstaff: PORT ${process.env.PORT ?? 4000} is already in use by another process\n`,
    );
  } else {
    process.stderr.write(
      `flagstaff: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
  }
  process.exit(1);
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { isTerminal: process.stdout.isTTY === true });
  } catch (error) {
    fail(error);
  }
  const logger = createLogger(config);
  // Opening the embedded database (a WASM Postgres) overlaps with loading NestJS and GraphQL.
  const opening = openStorage(config);
  opening.catch(() => {});
  const { startServer } = await import('./server.js');
  const server = await startServer(config, logger, opening).catch(fail);
  logger.info(
    { url: server.url, storage: server.storage.kind, bus: server.bus.kind },
    `Flagstaff listening on ${server.url}`,
  );
  if (server.firstRun) {
    const consoleUrl = config.publicUrl ?? server.url.replace('127.0.0.1', 'localhost');
    process.stdout.write(signInBanner(consoleUrl, server.firstRun.ownerToken));
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      logger.error({ graceMs: config.shutdownGraceMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    deadline.unref();
    server.close().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
