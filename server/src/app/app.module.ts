import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ChangeBus } from '../bus/change-bus.js';
import type { Config } from '../config/config.js';
import { HealthModule } from '../health/health.module.js';
import { HomeModule } from '../http/home.module.js';
import type { Logger } from '../logging/logger.js';
import { ServerInfoModule } from '../server-info/server-info.module.js';
import type { Storage } from '../storage/storage.js';
import { CHANGE_BUS, CONFIG, LOGGER, STORAGE_KIND } from './injection-tokens.js';
import { Lifecycle } from './lifecycle.js';

export interface AppParts {
  readonly config: Config;
  readonly storage: Storage;
  readonly bus: ChangeBus;
  readonly logger: Logger;
}

/** The process-wide parts, opened before Nest starts, offered to every module. */
@Global()
@Module({})
class RuntimeModule {
  static register(parts: AppParts): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: parts.config },
      { provide: CHANGE_BUS, useValue: parts.bus },
      { provide: STORAGE_KIND, useValue: parts.storage.kind },
      { provide: LOGGER, useValue: parts.logger },
      Lifecycle,
    ];
    return { module: RuntimeModule, providers, exports: providers };
  }
}

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
        }),
        HealthModule,
        ServerInfoModule,
        HomeModule,
      ],
    };
  }
}
