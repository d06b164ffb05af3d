import type { FastifyRequest } from 'fastify';
import type { PipelineCaller } from './pipeline-caller.js';

/** A request to a hook route: its body's bytes as they came (for signatures) and, once the guard passed, its caller. */
export type HookRequest = FastifyRequest & { rawBody?: Buffer; pipeline?: PipelineCaller };
