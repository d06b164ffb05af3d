import { Module, type NestModule } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_DIST } from './console-files.js';
import { serveConsole } from './console-routes.js';

/** `/` is the admin console (console/dist), or a page saying how to build it. */
@Module({})
export class HomeModule implements NestModule {
  constructor(private readonly http: HttpAdapterHost) {}

  /** Runs before Nest registers its routes: these are plain Fastify routes beside Nest's. */
  configure(): void {
    serveConsole(this.http.httpAdapter.getInstance<FastifyInstance>(), CONSOLE_DIST);
  }
}
