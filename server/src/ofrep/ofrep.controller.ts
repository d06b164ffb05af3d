import { Controller, Options, Post, Req, Res } from '@nestjs/common';
import type { EvaluationContext } from '@flagstaff/sdk-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SdkKeyAuthenticator } from '../delivery/sdk-key-authenticator.js';
import { headerValue } from '../delivery/sdk-request.js';
import { VersionWatcher } from '../delivery/version-watcher.js';
import { bulkEtag, bulkEtagMatches, newestBulkVersion } from './bulk-etag.js';
import { EvaluatorCache } from './evaluator-cache.js';
import { OFREP_PREFLIGHT_HEADERS } from './ofrep-cors.js';
import { OfrepRequestError, readOfrepContext } from './ofrep-context.js';
import { ofrepEvaluation, ofrepStatus } from './ofrep-evaluation.js';
import { authenticateOfrepRequest } from './ofrep-key.js';

/**
 * OFREP, the OpenFeature Remote Evaluation Protocol (docs/delivery-protocol.md § OFREP):
 * server-side evaluation by sdk-core of the key's snapshot, so any OpenFeature OFREP provider can
 * use Flagstaff. A client key evaluates only client-side flags, as its snapshot holds only those.
 */
@Controller('ofrep/v1/evaluate')
export class OfrepController {
  constructor(
    private readonly keys: SdkKeyAuthenticator,
    private readonly watcher: VersionWatcher,
    private readonly evaluators: EvaluatorCache,
  ) {}

  /** `POST /ofrep/v1/evaluate/flags/{key}`: 200, 400 or 404, each with OFREP's body. */
  @Post('flags/:key')
  async evaluateFlag(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = await authenticateOfrepRequest(this.keys, request, reply);
    // Read from the request, not @Param: OFREP answers even an odd key with its own 404 body.
    const flagKey = (request.params as { key: string }).key;
    let context: EvaluationContext;
    try {
      context = readOfrepContext(request.body);
    } catch (error) {
      if (!(error instanceof OfrepRequestError)) throw error;
      void reply.code(400).send({ key: flagKey, errorCode: error.errorCode, errorDetails: error.message });
      return;
    }
    const evaluator = await this.evaluators.current(key.environmentId, key.kind);
    const evaluation = ofrepEvaluation(flagKey, evaluator.evaluate(flagKey, context));
    void reply.code(ofrepStatus(evaluation)).send(evaluation);
  }

  /**
   * `POST /ofrep/v1/evaluate/flags`: every flag the key can see, each a success or an error entry,
   * with an ETag of (snapshot version, context); `If-None-Match` naming it answers 304 before
   * anything is evaluated.
   */
  @Post('flags')
  async evaluateFlags(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = await authenticateOfrepRequest(this.keys, request, reply);
    let context: EvaluationContext;
    try {
      context = readOfrepContext(request.body);
    } catch (error) {
      if (!(error instanceof OfrepRequestError)) throw error;
      void reply.code(400).send({ errorCode: error.errorCode, errorDetails: error.message });
      return;
    }
    const { environmentId, kind } = key;
    const condition = headerValue(request.headers['if-none-match']);
    let version = this.watcher.known(environmentId) ?? (await this.watcher.current(environmentId));
    if (condition !== undefined) {
      // A client may hold an answer from an instance that heard of a change first: never answer
      // it with an older version than it holds.
      const named = newestBulkVersion(condition);
      if (named > version) version = await this.watcher.checkNewer(environmentId, named);
      const known = bulkEtag(environmentId, kind, version, context);
      if (bulkEtagMatches(condition, known)) return notModified(reply, known);
    }
    const evaluator = await this.evaluators.current(environmentId, kind);
    const etag = bulkEtag(environmentId, kind, evaluator.version, context);
    if (evaluator.version !== version && bulkEtagMatches(condition, etag)) return notModified(reply, etag);
    const flags = evaluator
      .flagKeys()
      .map((flagKey) => ofrepEvaluation(flagKey, evaluator.evaluate(flagKey, context)));
    void reply.code(200).header('etag', etag).send({ flags });
  }

  @Options('flags')
  preflightBulk(@Res() reply: FastifyReply): void {
    void reply.code(204).headers(OFREP_PREFLIGHT_HEADERS).send();
  }

  @Options('flags/:key')
  preflightFlag(@Res() reply: FastifyReply): void {
    void reply.code(204).headers(OFREP_PREFLIGHT_HEADERS).send();
  }
}

function notModified(reply: FastifyReply, etag: string): void {
  void reply.code(304).header('etag', etag).send();
}
