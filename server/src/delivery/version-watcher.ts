import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CHANGE_BUS, LOGGER, METRICS } from '../app/injection-tokens.js';
import type { ChangeBus } from '../bus/change-bus.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';

/**
 * How often every environment's version is re-read. The bus normally says first; this is what
 * turns a lost message into a delay of at most this long instead of a lost update.
 */
export const VERSION_POLL_MS = 2000;

/** A client naming a newer version than known makes at most one database read per this long. */
const CHECK_NEWER_MS = 250;

export type VersionListener = (environmentId: string, version: number) => void;

/**
 * The current snapshot version of every environment, in memory, so answering "has it changed?"
 * (304s, streams) never touches the database. Learns from the bus and from a poll of all
 * environments, and tells listeners when a version increases; never goes backwards.
 */
@Injectable()
export class VersionWatcher implements OnModuleInit, OnModuleDestroy {
  private readonly versions = new Map<string, number>();
  private readonly reading = new Map<string, Promise<number>>();
  private readonly checkedAt = new Map<string, number>();
  private readonly listeners = new Set<VersionListener>();
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private polling: Promise<void> | undefined;
  private pollFailing = false;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS) private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((event) => {
      if (event.committedAt !== undefined && event.version > (this.versions.get(event.environmentId) ?? -1)) {
        this.metrics.propagationDelay.observe(Math.max(0, Date.now() - event.committedAt) / 1000);
      }
      this.observe(event.environmentId, event.version);
    });
    this.timer = setInterval(() => void this.poll(), VERSION_POLL_MS);
    this.timer.unref();
    void this.poll();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.unsubscribe?.();
    this.listeners.clear();
  }

  /** Called with (environment, version) whenever a known environment's version increases. */
  onVersion(listener: VersionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The version as last heard, without waiting; undefined for an environment not seen yet. */
  known(environmentId: string): number | undefined {
    return this.versions.get(environmentId);
  }

  /** The version, read from the database the first time an environment is asked for. */
  current(environmentId: string): Promise<number> {
    const known = this.versions.get(environmentId);
    return known === undefined ? this.refresh(environmentId) : Promise.resolve(known);
  }

  /**
   * Reads the version from the database now (concurrent callers share one read): for a client
   * that names a version newer than this instance has heard of. NotFoundError for no such environment.
   */
  refresh(environmentId: string): Promise<number> {
    let reading = this.reading.get(environmentId);
    if (!reading) {
      reading = this.read(environmentId).finally(() => this.reading.delete(environmentId));
      this.reading.set(environmentId, reading);
    }
    return reading;
  }

  /**
   * The version, re-read from the database when a client names `version` and this instance knows
   * an older one: the client may have it from an instance that heard of the change first. Re-read
   * at most every CHECK_NEWER_MS per environment, so clients naming bogus versions cost little.
   */
  async checkNewer(environmentId: string, version: number): Promise<number> {
    const known = await this.current(environmentId);
    if (version <= known) return known;
    const now = Date.now();
    if (now - (this.checkedAt.get(environmentId) ?? 0) < CHECK_NEWER_MS) return known;
    this.checkedAt.set(environmentId, now);
    return this.refresh(environmentId);
  }

  /** Takes note of a version heard of anywhere (bus, poll, a snapshot just built). */
  observe(environmentId: string, version: number): void {
    const known = this.versions.get(environmentId);
    if (known !== undefined && version <= known) return;
    this.versions.set(environmentId, version);
    if (known === undefined) return;
    for (const listener of this.listeners) {
      try {
        listener(environmentId, version);
      } catch (error) {
        this.logger.error({ err: error, environmentId }, 'a version listener failed');
      }
    }
  }

  /** Re-reads every environment's version; one poll at a time. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    try {
      const rows: { id: string; version: string | number }[] = await this.dataSource.query(
        'SELECT id, version FROM environments',
      );
      for (const row of rows) this.observe(row.id, Number(row.version));
      if (this.pollFailing) this.logger.info('environment versions readable again');
      this.pollFailing = false;
    } catch (error) {
      if (this.stopped || this.pollFailing) return;
      this.pollFailing = true;
      this.logger.warn({ err: error }, 'cannot re-read environment versions; retrying');
    }
  }

  private async read(environmentId: string): Promise<number> {
    const rows: { version: string | number }[] = await this.dataSource.query(
      'SELECT version FROM environments WHERE id = $1',
      [environmentId],
    );
    if (rows.length === 0) throw new NotFoundError('environment');
    this.observe(environmentId, Number(rows[0]!.version));
    return this.versions.get(environmentId)!;
  }
}
