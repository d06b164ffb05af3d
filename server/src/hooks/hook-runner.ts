import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { LOGGER } from '../app/injection-tokens.js';
import type { Logger } from '../logging/logger.js';
import { ReleaseWriter, type ReleaseTransaction } from '../releases/release-writer.js';
import type { HookRequest } from './hook-request.js';
import { idempotencyKeyOf, REPLAYED_HEADER, requestFingerprint } from './idempotency-key.js';
import { IdempotencyStore, type StoredResponse } from './idempotency-store.js';
import { InvalidPipelineTokenError } from './invalid-pipeline-token-error.js';
import type { PipelineCaller } from './pipeline-caller.js';

/** What a hook answers when its write succeeded. */
export interface HookResponse {
  readonly status: 200 | 201;
  readonly body: object;
}

/**
 * Runs a hook's write in one transaction and answers it; with an Idempotency-Key, at most once
 * per key: a retry of the same request gets the first answer again (with Idempotent-Replayed:
 * true), another request under the same key IDEMPOTENCY_KEY_REUSED.
 */
@Injectable()
export class HookRunner {
  constructor(
    private readonly writer: ReleaseWriter,
    private readonly keys: IdempotencyStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async run(
    request: HookRequest,
    reply: FastifyReply,
    work: (tx: ReleaseTransaction, caller: PipelineCaller) => Promise<HookResponse>,
  ): Promise<void> {
    const caller = request.pipeline;
    if (!caller) throw new InvalidPipelineTokenError();
    const key = idempotencyKeyOf(request);
    // As JSON now, so the first answer and its replays are the same bytes' worth of data.
    const execute = async (tx: ReleaseTransaction): Promise<StoredResponse> => {
      const response = await work(tx, caller);
      return { status: response.status, body: JSON.parse(JSON.stringify(response.body)) as object };
    };
    if (key === undefined) return send(reply, await this.writer.write(execute));
    const outcome = await this.keys.claim(caller.tokenId, key, requestFingerprint(request));
    if (outcome.kind === 'replay') {
      void reply.header(REPLAYED_HEADER, 'true');
      return send(reply, outcome.response);
    }
    try {
      const response = await this.writer.write(execute, (db, result) =>
        this.keys.complete(db, outcome.claim, result),
      );
      send(reply, response);
    } catch (error) {
      await this.keys.release(outcome.claim).catch((releaseError: unknown) => {
        // The claim's lease runs out, so the key is not held for ever.
        this.logger.warn({ err: releaseError }, 'could not release an idempotency key');
      });
      throw error;
    }
  }
}

function send(reply: FastifyReply, response: StoredResponse): void {
  void reply.code(response.status).send(response.body);
}
