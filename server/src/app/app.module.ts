import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ChangeBus } from '../bus/change-bus.js';
import { HealthModule } from '../health/health.module.js';
import { HomeModule } from '../http/home.module.js';
import { ServerInfoModule } from '../server-info/server-info.module.js';
import type { Storage } from '../storage/storage.js';
import { CHANGE_BUS, STORAGE_KIND } from './injection-tokens.js';
import { Lifecycle } from './lifecycle.js';

export interface AppParts {
  readonly storage: Storage;
  readonly bus: ChangeBus;
}

/** The process-wide parts, opened before Nest starts, offered to every module. */
@Global()
@Module({})
class RuntimeModule {
  static register(parts: AppParts): DynamicModule {
    const providers = [
      { provide: CHANGE_BUS, useValue: parts.bus },
      { provide: STORAGE_KIND, useValue: parts.storage.kind },
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
