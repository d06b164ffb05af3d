import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CHANGE_BUS, LOGGER } from '../app/injection-tokens.js';
import type { ChangeBus } from '../bus/change-bus.js';
import type { DeploymentReleaseEvent, HealthReleaseEvent } from '../bus/release-event.js';
import type { Logger } from '../logging/logger.js';

/** A release event before it has committed (the writer stamps `committedAt`). */
export type ReleaseEventDraft =
  Omit<DeploymentReleaseEvent, 'committedAt'> | Omit<HealthReleaseEvent, 'committedAt'>;

/** What a release write's work gets: its transaction, and a way to announce what it did. */
export interface ReleaseTransaction {
  readonly manager: EntityManager;
  /** Goes on the bus, to every instance, once the transaction commits; never if it rolls back. */
  publish(event: ReleaseEventDraft): void;
}

/**
 * The one way release records are written: one transaction per write, events after commit.
 * Release records are not part of any SDK snapshot, so unlike ChangeWriter this bumps no
 * environment version and takes no environment lock.
 */
@Injectable()
export class ReleaseWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Runs `work` in one transaction. `beforeCommit` runs last in the same transaction with the
   * result: the hooks store an idempotent response there, so it is kept exactly when the write is.
   */
  async write<T>(
    work: (tx: ReleaseTransaction) => Promise<T>,
    beforeCommit?: (manager: EntityManager, value: T) => Promise<void>,
  ): Promise<T> {
    const drafts: ReleaseEventDraft[] = [];
    const value = await this.dataSource.transaction(async (manager) => {
      const result = await work({ manager, publish: (event) => drafts.push(event) });
      await beforeCommit?.(manager, result);
      return result;
    });
    const committedAt = Date.now();
    for (const draft of drafts) {
      this.bus.publishRelease({ ...draft, committedAt }).catch((error: unknown) => {
        // The records are committed; a reader that polls them (the scheduler) still sees the change.
        this.logger.warn({ err: error, event: draft }, 'release event not published');
      });
    }
    return value;
  }
}
