import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/public.decorator.js';
import { CHANGE_BUS, STORAGE_KIND } from '../app/injection-tokens.js';
import type { ChangeBus } from '../bus/change-bus.js';
import type { StorageKind } from '../storage/storage.js';
import { SERVER_VERSION } from '../version.js';
import { ServerInfo } from './server-info.model.js';

@Resolver(() => ServerInfo)
export class ServerInfoResolver {
  constructor(
    @Inject(STORAGE_KIND) private readonly storage: StorageKind,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  @Public()
  @Query(() => ServerInfo)
  serverInfo(): ServerInfo {
    return { version: SERVER_VERSION, storage: this.storage, bus: this.bus.kind };
  }
}
