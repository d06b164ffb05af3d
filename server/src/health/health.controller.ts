import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { CHANGE_BUS } from '../app/injection-tokens.js';
import { Lifecycle } from '../app/lifecycle.js';
import type { ChangeBus } from '../bus/change-bus.js';

type CheckState = 'ok' | 'down' | 'draining';

/** How long a dependency may take to answer before it counts as down. */
const CHECK_TIMEOUT_MS = 2000;

@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Liveness: the process answers. Says nothing about dependencies, so it never flaps with them. */
  @Get('healthz')
  @HttpCode(200)
  alive(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the database and the bus answer, and the instance is not shutting down. */
  @Get('readyz')
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    const [database, bus] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(() => this.bus.ping()),
    ]);
    const server: CheckState = this.lifecycle.draining ? 'draining' : 'ok';
    const ready = database === 'ok' && bus === 'ok' && server === 'ok';
    reply.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'unavailable', checks: { database, bus, server } };
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
