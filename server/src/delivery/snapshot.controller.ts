import { Controller, Get, Options, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MIN_COMPRESSED_BYTES, preferredEncoding } from './accept-encoding.js';
import { ifNoneMatch, snapshotEtag } from './if-none-match.js';
import { SDK_PREFLIGHT_HEADERS } from './sdk-cors.js';
import { SdkKeyAuthenticator } from './sdk-key-authenticator.js';
import { authenticateSdkRequest, headerValue } from './sdk-request.js';
import { SnapshotCache } from './snapshot-cache.js';
import { VersionWatcher } from './version-watcher.js';

/**
 * `GET /sdk/v1/snapshot` (docs/delivery-protocol.md). A revalidation (`If-None-Match` naming the
 * current version) is answered from memory: the key from the key cache, the version from the
 * watcher; no database, no snapshot.
 */
@Controller('sdk/v1')
export class SnapshotController {
  constructor(
    private readonly keys: SdkKeyAuthenticator,
    private readonly watcher: VersionWatcher,
    private readonly cache: SnapshotCache,
  ) {}

  @Get('snapshot')
  async snapshot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const key = await authenticateSdkRequest(this.keys, request, reply);
    const condition = headerValue(request.headers['if-none-match']);
    const environmentId = key.environmentId;
    let version = this.watcher.known(environmentId) ?? (await this.watcher.current(environmentId));
    if (condition !== undefined) {
      let check = ifNoneMatch(condition, version);
      // Never answer a client with an older version than it holds: it may come from an instance
      // that heard of the change first.
      if (!check.matches && check.newest > version) {
        version = await this.watcher.checkNewer(environmentId, check.newest);
        check = ifNoneMatch(condition, version);
      }
      if (check.matches) return notModified(reply, version);
    }
    const entry = await this.cache.current(environmentId, key.kind);
    if (entry.version !== version && ifNoneMatch(condition, entry.version).matches) {
      return notModified(reply, entry.version);
    }
    const encoding =
      entry.body.length >= MIN_COMPRESSED_BYTES
        ? preferredEncoding(headerValue(request.headers['accept-encoding']))
        : undefined;
    const body = encoding ? await entry.encodedBody(encoding) : entry.body;
    void reply
      .code(200)
      .headers({
        'content-type': 'application/json; charset=utf-8',
        etag: entry.etag,
        ...CACHING,
        ...(encoding ? { 'content-encoding': encoding } : {}),
      })
      .send(body);
  }

  @Options('snapshot')
  preflight(@Res() reply: FastifyReply): void {
    void reply.code(204).headers(SDK_PREFLIGHT_HEADERS).send();
  }
}

/** Revalidate every time; the answer differs per key and per encoding. */
const CACHING = { 'cache-control': 'no-cache', vary: 'Authorization, Accept-Encoding' } as const;

function notModified(reply: FastifyReply, version: number): void {
  void reply
    .code(304)
    .headers({ etag: snapshotEtag(version), ...CACHING })
    .send();
}
