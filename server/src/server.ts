import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app/app.module.js';
import { Lifecycle } from './app/lifecycle.js';
import { openBus } from './bus/open-bus.js';
import { DeliveryStats } from './delivery/delivery-stats.js';
import { Metrics } from './metrics/metrics.js';
import type { ChangeBus } from './bus/change-bus.js';
import type { Config } from './config/config.js';
import { openSnapshotStore } from './delivery/open-snapshot-store.js';
import type { SnapshotStore } from './delivery/snapshot-store.js';
import { seedFirstRun, type FirstRunResult } from './first-run/first-run.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { HooksModule } from './hooks/hooks.module.js';
import { hooksOpenApiDocument } from './hooks/openapi-document.js';
import { OpenApiDocumentHolder } from './hooks/openapi-document-holder.js';
import { NestPinoLogger, type Logger } from './logging/logger.js';
import { RequestLog } from './logging/request-log.js';
import { migrateUp } from './storage/migrator.js';
import { openStorage, type Storage } from './storage/storage.js';
import { StorableTextPipe } from './validation/storable-text.pipe.js';

export interface RunningServer {
  readonly app: NestFastifyApplication;
  readonly storage: Storage;
  readonly bus: ChangeBus;
  /** The address it listens on, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  /** Set when this start seeded an empty database: the owner token, to be shown once. */
  readonly firstRun: FirstRunResult | undefined;
  /** Stops taking requests, lets in-flight ones finish, then closes the bus and the database. */
  close(): Promise<void>;
}

/**
 * Opens storage (migrating it) and the bus, then starts the HTTP server. `opening` lets the
 * caller start opening the database while this module's imports still load.
 */
export async function startServer(
  config: Config,
  logger: Logger,
  opening: Promise<Storage> = openStorage(config),
): Promise<RunningServer> {
  const storage = await opening;
  let openedBus: ChangeBus | undefined;
  let snapshotStore: SnapshotStore | null = null;
  try {
    const applied = await migrateUp(storage.dataSource);
    if (applied.length > 0) {
      logger.info({ migrations: applied.map((m) => m.name) }, `applied ${applied.length} migration(s)`);
    }
    const firstRun = await seedFirstRun(storage.dataSource);
    if (firstRun) logger.info({ event: 'first-run' }, 'created project "default" and an owner token');
    const metrics = new Metrics();
    const bus = await openBus(config, logger, () => metrics.busReconnects.inc());
    openedBus = bus;
    snapshotStore = await openSnapshotStore(config, logger);
    const adapter = new FastifyAdapter({
      loggerInstance: logger,
      logController: new RequestLog(),
      requestIdHeader: 'x-request-id',
      genReqId: () => randomUUID(),
      // Segments carry up to 100,000 keys per list.
      bodyLimit: 16 * 1024 * 1024,
      // Idle keep-alive sockets would otherwise hold `close()` open until they time out.
      forceCloseConnections: 'idle',
    });
    const errors = new HttpErrorFilter(logger);
    // Errors Fastify raises before a route runs go to the route's error handler, which routes take
    // when registered, before Nest sets the instance's; so every route gets ours unless it has one.
    // GraphQL answers its own request errors in GraphQL's shape (Mercurius' handler).
    adapter.getInstance().addHook('onRoute', (route) => {
      if (route.url.startsWith('/graphql')) return;
      route.errorHandler ??= (error, request, reply) => errors.reply(error, request, reply);
    });
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register({ storage, bus, snapshotStore, logger, config, metrics }),
      adapter,
      { logger: new NestPinoLogger(logger.child({ component: 'nest' })), abortOnError: false },
    );
    app.useGlobalFilters(errors);
    app.useGlobalPipes(new StorableTextPipe());
    metrics.observeDelivery(app.get(DeliveryStats));
    app.get(OpenApiDocumentHolder).document = hooksOpenApiDocument(app, [HooksModule]);
    const lifecycle = app.get(Lifecycle);
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onSend', async (request, reply) => {
        void reply.header('x-request-id', request.id);
        // While draining, a kept-alive socket would hold shutdown open until it timed out.
        if (lifecycle.draining) void reply.header('connection', 'close');
      })
      .addHook('onResponse', async (request, reply) => {
        // Route patterns, not URLs, keep the label set small. A stream's duration is its lifetime.
        const route = request.routeOptions.url ?? 'unmatched';
        if (route === '/sdk/v1/stream') return;
        const status = `${Math.floor(reply.statusCode / 100)}xx`;
        metrics.httpRequestDuration.observe(
          { method: request.method, route, status },
          reply.elapsedTime / 1000,
        );
      });
    await app.listen({ port: config.port, host: config.host });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      app,
      storage,
      bus,
      url: `http://127.0.0.1:${port}`,
      firstRun,
      async close() {
        lifecycle.startDraining();
        // In-flight requests get a second (or half the grace period, if shorter); then connections
        // a client still holds are cut. Seen: the socket of a stream the client cancelled just
        // before a change went out stays open until the client's keep-alive ends, holding close.
        const server = app.getHttpServer();
        const cut = setTimeout(
          () => server.closeAllConnections(),
          Math.min(1000, config.shutdownGraceMs / 2),
        );
        cut.unref();
        await app.close();
        clearTimeout(cut);
        await snapshotStore?.close();
        await bus.close();
        if (storage.dataSource.isInitialized) await storage.dataSource.destroy();
      },
    };
  } catch (error) {
    await snapshotStore?.close();
    await openedBus?.close();
    if (storage.dataSource.isInitialized) await storage.dataSource.destroy();
    throw error;
  }
}
