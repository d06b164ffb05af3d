import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { LOGGER } from '../app/injection-tokens.js';
import type { Logger } from '../logging/logger.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { ChangeFeed } from './change-feed.js';
import { DeliveryStats } from './delivery-stats.js';
import { SdkKeyAuthenticator, type SdkKey } from './sdk-key-authenticator.js';
import { SnapshotCache } from './snapshot-cache.js';
import type { SnapshotEntry } from './snapshot-entry.js';
import { snapshotPatch } from './snapshot-patch.js';
import { PING_FRAME, sseFrame, type SseEventName } from './sse-frames.js';
import { VersionWatcher } from './version-watcher.js';

/** One shared timer for every stream: no stream has a timer of its own. */
const TICK_MS = 5000;
/** `: ping` every third tick (15 s); open streams' keys are re-checked as often. */
const PING_EVERY_TICKS = 3;
/** Catch-up events kept per group and version: clients choose the versions they resume from. */
const MAX_KEPT_FRAMES = 32;
/** A stream whose socket has not taken its last event for this long is given up on. */
const BEHIND_LIMIT_MS = 60_000;

/** One SDK connection. Kept small: thousands of them sit idle per instance. */
interface SdkStream {
  readonly response: ServerResponse;
  readonly tokenId: string;
  readonly group: StreamGroup;
  /** The version the stream has been sent. */
  version: number;
  /** When its socket buffer was found full (it then skips events and catches up on drain); 0 if not. */
  behindSince: number;
  closed: boolean;
}

interface Frame {
  readonly event: SseEventName;
  readonly frame: Buffer;
}

/**
 * The streams of one environment and key kind. Every stream that is not behind holds `latest`;
 * joins and fan-outs run one at a time, so that stays true.
 */
class StreamGroup {
  readonly streams = new Set<SdkStream>();
  latest: SnapshotEntry | undefined;
  /** Events taking a stream from an older version to `latest`, made once per older version. */
  readonly framesToLatest = new Map<number, Promise<Frame>>();
  joining = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly environmentId: string,
    readonly kind: SdkKeyKind,
  ) {}

  run(step: () => Promise<void>): Promise<void> {
    const running = this.tail.then(step);
    this.tail = running.catch(() => {});
    return running;
  }
}

/**
 * The SSE streams of this instance: the first event when a stream opens, a patch per new version
 * (from the VersionWatcher) written once and sent to every stream of that environment and key
 * kind, pings, and the end of every stream on shutdown.
 *
 * A stream whose socket buffer is still full when the next event comes is not queued more: it
 * skips events until the socket drains, then gets one event from its version to the newest.
 */
@Injectable()
export class StreamHub implements OnModuleInit, BeforeApplicationShutdown {
  private readonly groups = new Map<string, StreamGroup>();
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private ticks = 0;
  private closing = false;
  private checkingKeys = false;

  constructor(
    private readonly cache: SnapshotCache,
    private readonly watcher: VersionWatcher,
    private readonly feed: ChangeFeed,
    private readonly keys: SdkKeyAuthenticator,
    private readonly stats: DeliveryStats,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'streams' });
  }

  onModuleInit(): void {
    this.unsubscribe = this.watcher.onVersion((environmentId) => this.changed(environmentId));
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Ends every stream, so the HTTP server can close; SDKs reconnect (to another instance). */
  beforeApplicationShutdown(): void {
    this.closing = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    for (const group of this.groups.values()) for (const stream of group.streams) this.end(stream);
  }

  /**
   * Takes over a response whose headers are written. `lastEventId` is the version the SDK holds,
   * if it said: nothing is sent until the next change when it is current, a patch when the
   * changes since are known and few, else the snapshot.
   */
  open(response: ServerResponse, key: SdkKey, lastEventId: number | undefined): void {
    const group = this.groupOf(key.environmentId, key.kind);
    const stream: SdkStream = {
      response,
      tokenId: key.tokenId,
      group,
      version: -1,
      behindSince: 0,
      closed: false,
    };
    this.stats.recordStreamOpened();
    response.on('close', () => this.leave(stream));
    group.joining += 1;
    group
      .run(() => this.join(stream, lastEventId))
      .catch((error: unknown) => {
        this.log.warn({ err: error, environmentId: group.environmentId }, 'stream could not start');
        this.end(stream);
      })
      .finally(() => {
        group.joining -= 1;
        this.forgetIfEmpty(group);
      });
  }

  private async join(stream: SdkStream, lastEventId: number | undefined): Promise<void> {
    if (this.closing) return this.end(stream);
    if (stream.closed) return;
    const group = stream.group;
    // A client ahead of this instance saw a version from another one whose event is on its way.
    if (lastEventId !== undefined) await this.watcher.checkNewer(group.environmentId, lastEventId);
    await this.catchUp(group);
    const latest = group.latest!;
    let first: Frame | undefined;
    // What the stream holds before its first event: nothing (-1), or the version it named.
    let holds = latest.version;
    if (lastEventId === undefined || lastEventId > latest.version) {
      first = { event: 'snapshot', frame: latest.snapshotFrame };
      holds = -1;
    } else if (lastEventId < latest.version) {
      first = await this.frameToLatest(group, lastEventId);
      holds = lastEventId;
    }
    if (stream.closed) return;
    stream.version = holds;
    group.streams.add(stream);
    if (first && this.deliver(stream, first.frame, latest.version)) this.stats.recordEvents(first.event, 1);
  }

  /** Brings the group to the environment's current version, sending every stream one event. */
  private async catchUp(group: StreamGroup): Promise<void> {
    const version =
      this.watcher.known(group.environmentId) ?? (await this.watcher.current(group.environmentId));
    const previous = group.latest;
    if (previous && previous.version >= version) return;
    const next = await this.cache.current(group.environmentId, group.kind);
    if (previous && next.version <= previous.version) return;
    const event =
      previous && group.streams.size > 0
        ? await this.frameBetween(group, previous.version, next, previous)
        : undefined;
    group.latest = next;
    group.framesToLatest.clear();
    if (!event) return;
    let written = 0;
    for (const stream of group.streams) if (this.deliver(stream, event.frame, next.version)) written += 1;
    this.stats.recordEvents(event.event, written);
  }

  private frameToLatest(group: StreamGroup, from: number): Promise<Frame> {
    let frame = group.framesToLatest.get(from);
    if (!frame) {
      frame = this.frameBetween(group, from, group.latest!);
      if (group.framesToLatest.size >= MAX_KEPT_FRAMES) return frame;
      group.framesToLatest.set(from, frame);
      frame.catch(() => group.framesToLatest.delete(from));
    }
    return frame;
  }

  /**
   * A patch from `from` to `target` when the change feed names few enough keys (and, for client
   * keys, the snapshot at `from` is still cached: what they saw depends on it), else the snapshot.
   */
  private async frameBetween(
    group: StreamGroup,
    from: number,
    target: SnapshotEntry,
    previous?: SnapshotEntry,
  ): Promise<Frame> {
    const changed = from < 0 ? undefined : await this.feed.between(group.environmentId, from, target.version);
    if (changed) {
      const before =
        group.kind === 'client'
          ? (previous ?? (await this.cache.stored(group.environmentId, from, group.kind)))
          : undefined;
      if (group.kind === 'server' || before) {
        const patch = snapshotPatch(from, target.snapshot, changed, before?.snapshot);
        return { event: 'patch', frame: sseFrame('patch', target.version, JSON.stringify(patch)) };
      }
    }
    return { event: 'snapshot', frame: target.snapshotFrame };
  }

  /** Writes an event unless the stream is behind; a full socket buffer makes it behind. */
  private deliver(stream: SdkStream, frame: Buffer, version: number): boolean {
    if (stream.closed || stream.behindSince !== 0) return false;
    const { response } = stream;
    if (response.writableNeedDrain) {
      stream.behindSince = Date.now();
      this.stats.recordSlowStream();
      response.once('drain', () => {
        stream.group.run(() => this.resync(stream)).catch(() => this.end(stream));
      });
      return false;
    }
    response.write(frame);
    stream.version = version;
    return true;
  }

  private async resync(stream: SdkStream): Promise<void> {
    if (stream.closed) return;
    stream.behindSince = 0;
    const latest = stream.group.latest!;
    if (stream.version >= latest.version) return;
    const event = await this.frameToLatest(stream.group, stream.version);
    if (this.deliver(stream, event.frame, latest.version)) this.stats.recordEvents(event.event, 1);
  }

  private changed(environmentId: string): void {
    for (const kind of ['server', 'client'] as const) {
      const group = this.groups.get(groupId(environmentId, kind));
      if (group) this.catchUpLater(group);
    }
  }

  private catchUpLater(group: StreamGroup): void {
    group
      .run(() => this.catchUp(group))
      .catch((error: unknown) => {
        // The tick tries again: the watcher only says once that a version increased.
        this.log.warn({ err: error, environmentId: group.environmentId }, 'cannot send a change to streams');
      });
  }

  private tick(): void {
    this.ticks += 1;
    for (const group of this.groups.values()) {
      const known = this.watcher.known(group.environmentId);
      if (group.latest && known !== undefined && known > group.latest.version) this.catchUpLater(group);
    }
    if (this.ticks % PING_EVERY_TICKS !== 0) return;
    const now = Date.now();
    for (const group of this.groups.values()) {
      for (const stream of group.streams) {
        if (stream.behindSince !== 0) {
          if (now - stream.behindSince > BEHIND_LIMIT_MS) stream.response.destroy();
        } else if (!stream.response.writableNeedDrain) {
          stream.response.write(PING_FRAME);
        }
      }
    }
    void this.endStreamsOfUnusableKeys();
  }

  /** Streams of keys revoked (or of environments archived) since they opened end. */
  private async endStreamsOfUnusableKeys(): Promise<void> {
    if (this.checkingKeys) return;
    this.checkingKeys = true;
    try {
      const tokenIds = new Set<string>();
      for (const group of this.groups.values()) for (const s of group.streams) tokenIds.add(s.tokenId);
      if (tokenIds.size === 0) return;
      const usable = await this.keys.stillUsable([...tokenIds]);
      for (const group of this.groups.values()) {
        for (const stream of group.streams) if (!usable.has(stream.tokenId)) this.end(stream);
      }
    } catch (error) {
      this.log.debug({ err: error }, 'cannot re-check the keys of open streams');
    } finally {
      this.checkingKeys = false;
    }
  }

  private groupOf(environmentId: string, kind: SdkKeyKind): StreamGroup {
    const id = groupId(environmentId, kind);
    let group = this.groups.get(id);
    if (!group) {
      group = new StreamGroup(id, environmentId, kind);
      this.groups.set(id, group);
    }
    return group;
  }

  private leave(stream: SdkStream): void {
    if (stream.closed) return;
    stream.closed = true;
    this.stats.recordStreamClosed();
    stream.group.streams.delete(stream);
    this.forgetIfEmpty(stream.group);
  }

  private forgetIfEmpty(group: StreamGroup): void {
    if (group.streams.size > 0 || group.joining > 0) return;
    if (this.groups.get(group.id) === group) this.groups.delete(group.id);
  }

  /** The response completes (a full socket is cut instead: it would hold shutdown open). */
  private end(stream: SdkStream): void {
    if (stream.closed) return;
    if (stream.response.writableNeedDrain) stream.response.destroy();
    else stream.response.end();
  }
}

function groupId(environmentId: string, kind: SdkKeyKind): string {
  return `${environmentId}|${kind}`;
}
