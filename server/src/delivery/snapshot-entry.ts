import type { Snapshot } from '@flagstaff/sdk-core';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import type { ContentEncoding } from './accept-encoding.js';
import { snapshotEtag } from './if-none-match.js';
import { snapshotJson } from './snapshot-json.js';
import { sseFrame } from './sse-frames.js';

const compressGzip = promisify(gzip);
const compressBrotli = promisify(brotliCompress);

/** Quality 5 of 11: most of brotli's gain over gzip, at a small part of the time of 11. */
const BROTLI_QUALITY = 5;

/**
 * One built snapshot of an environment version for one key kind, with what answering it takes:
 * its ETag and, made on first use and kept, the JSON body (streams that only take patches never
 * need it), its gzip and brotli encodings, the parsed snapshot (for patches and the next build)
 * and the SSE `snapshot` event.
 */
export class SnapshotEntry {
  readonly etag: string;
  private parsed: Snapshot | undefined;
  private json: Buffer | undefined;
  private readonly encoded = new Map<ContentEncoding, Promise<Buffer>>();
  private frame: Buffer | undefined;
  private extraBytes = 0;

  /** `content`: the snapshot, or its JSON body (from the shared store). */
  constructor(
    readonly environmentId: string,
    readonly version: number,
    readonly kind: SdkKeyKind,
    content: Buffer | Snapshot,
  ) {
    this.etag = snapshotEtag(version);
    if (Buffer.isBuffer(content)) this.json = content;
    else this.parsed = content;
  }

  static of(environmentId: string, kind: SdkKeyKind, snapshot: Snapshot): SnapshotEntry {
    return new SnapshotEntry(environmentId, snapshot.version, kind, snapshot);
  }

  /** The snapshot as an object; shared, so never to be changed. */
  get snapshot(): Snapshot {
    this.parsed ??= JSON.parse(this.body.toString('utf8')) as Snapshot;
    return this.parsed;
  }

  /** The snapshot's JSON. */
  get body(): Buffer {
    this.json ??= Buffer.from(snapshotJson(this.parsed!));
    return this.json;
  }

  /** The body in this encoding, compressed once (off the event loop) and kept. */
  encodedBody(encoding: ContentEncoding): Promise<Buffer> {
    let body = this.encoded.get(encoding);
    if (!body) {
      body = (
        encoding === 'gzip'
          ? compressGzip(this.body)
          : compressBrotli(this.body, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length,
              },
            })
      ).then((compressed) => {
        this.extraBytes += compressed.length;
        return compressed;
      });
      // A failed compression is not kept: the next request tries again.
      body.catch(() => this.encoded.delete(encoding));
      this.encoded.set(encoding, body);
    }
    return body;
  }

  /** The `snapshot` event of a stream. */
  get snapshotFrame(): Buffer {
    if (!this.frame) {
      this.frame = sseFrame('snapshot', this.version, this.body);
      this.extraBytes += this.frame.length;
    }
    return this.frame;
  }

  /** Roughly what it holds in memory, for the cache's budget (the parsed object is not counted). */
  get bytes(): number {
    return (this.json?.length ?? 0) + this.extraBytes;
  }
}
