import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { AuthModule } from '../auth/auth.module.js';
import type { ChangeBus } from '../bus/change-bus.js';
import type { Config } from '../config/config.js';
import { ConfigurationModule } from '../configuration/configuration.module.js';
import { DeliveryModule } from '../delivery/delivery.module.js';
import type { SnapshotStore } from '../delivery/snapshot-store.js';
import { FlagsModule } from '../flags/flags.module.js';
import { SegmentsModule } from '../segments/segments.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { EnvironmentsModule } from '../environments/environments.module.js';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { complexityLimitRule } from '../graphql/complexity-rule.js';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { formatGraphQLErrors } from '../graphql/graphql-error-formatter.js';
import { JsonScalar } from '../graphql/json.scalar.js';
import { HealthModule } from '../health/health.module.js';
import { HomeModule } from '../http/home.module.js';
import { HooksModule } from '../hooks/hooks.module.js';
import { OfrepModule } from '../ofrep/ofrep.module.js';
import { PreviewModule } from '../preview/preview.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { ReleasesModule } from '../releases/releases.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { RolloutPlansModule } from '../rollout-plans/rollout-plans.module.js';
import { ServerInfoModule } from '../server-info/server-info.module.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import type { Storage } from '../storage/storage.js';
import { CHANGE_BUS, CONFIG, LOGGER, SNAPSHOT_STORE, STORAGE_KIND, METRICS } from './injection-tokens.js';
import { Lifecycle } from './lifecycle.js';

export interface AppParts {
  readonly storage: Storage;
  readonly bus: ChangeBus;
  /** Redis when there is one; null keeps snapshots in this instance's memory only. */
  readonly snapshotStore: SnapshotStore | null;
  readonly logger: Logger;
  readonly config: Config;
  readonly metrics: Metrics;
}

/** The process-wide parts, opened before Nest starts, offered to every module. */
@Global()
@Module({})
class RuntimeModule {
  static register(parts: AppParts): DynamicModule {
    const providers = [
      { provide: CHANGE_BUS, useValue: parts.bus },
      { provide: SNAPSHOT_STORE, useValue: parts.snapshotStore },
      { provide: STORAGE_KIND, useValue: parts.storage.kind },
      { provide: LOGGER, useValue: parts.logger },
      { provide: CONFIG, useValue: parts.config },
      { provide: METRICS, useValue: parts.metrics },
      Lifecycle,
    ];
    return { module: RuntimeModule, providers, exports: providers };
  }
}

/** Deep enough for introspection (the console's code generator), shallow enough to stop abuse. */
const MAX_QUERY_DEPTH = 15;
const MAX_QUERY_COST = 20_000;

@Module({})
export class AppModule {
  static register(parts: AppParts): DynamicModule {
    return {
      module: AppModule,
      imports: [
        RuntimeModule.register(parts),
        TypeOrmModule.forRootAsync({
          useFactory: () => parts.storage.dataSource.options,
          // The data source is connected and migrated before Nest starts, so failures are clear.
          dataSourceFactory: async () => parts.storage.dataSource,
        }),
        GraphQLModule.forRoot<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          graphiql: false,
          resolvers: { JSON: JsonScalar },
          context: (request: FastifyRequest): GraphQLContext => ({ request }),
          errorFormatter: formatGraphQLErrors as MercuriusDriverConfig['errorFormatter'],
          queryDepth: MAX_QUERY_DEPTH,
          validationRules: [complexityLimitRule(MAX_QUERY_COST)],
        }),
        AuthModule,
        HealthModule,
        MetricsModule,
        ServerInfoModule,
        HomeModule,
        ProjectsModule,
        EnvironmentsModule,
        RevisionsModule,
        FlagsModule,
        SegmentsModule,
        ConfigurationModule,
        TokensModule,
        PreviewModule,
        DeliveryModule,
        EvaluationsModule,
        OfrepModule,
        ReleasesModule,
        HooksModule,
        RolloutPlansModule,
      ],
    };
  }
}
