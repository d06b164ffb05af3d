import { compareSemVer, parseSemVer } from '@flagstaff/sdk-core';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { CHANGE_BUS } from '../app/injection-tokens.js';
import type { ChangeBus } from '../bus/change-bus.js';
import type { ReleaseListener } from '../bus/release-event.js';
import { DeploymentEntity } from './deployment.entity.js';
import { HealthSignalEntity } from './health-signal.entity.js';

/**
 * The narrow read model of release records for code that reacts to deployments (rollout plans):
 * answers from the committed records, and events from every instance for reacting early. Events
 * are best-effort (like every bus message); the answers here are the truth.
 */
@Injectable()
export class ReleaseSignals {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  /** The most recent deployment of an application in an environment, whatever its status. */
  latestDeployment(
    applicationId: string,
    environmentId: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<DeploymentEntity | null> {
    return db
      .createQueryBuilder(DeploymentEntity, 'd')
      .where('d.application_id = :applicationId AND d.environment_id = :environmentId', {
        applicationId,
        environmentId,
      })
      .orderBy('d.started_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(1)
      .getOne();
  }

  /**
   * The most recent deployment there of a version at or above `minVersion` (semver precedence)
   * that is succeeded now: one rolled back since no longer counts. Null when there is none.
   */
  async succeededDeploymentAtLeast(
    applicationId: string,
    environmentId: string,
    minVersion: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<DeploymentEntity | null> {
    const min = parseSemVer(minVersion);
    if (!min) throw new RangeError(`${minVersion} is not a semantic version`);
    const succeeded = await db
      .createQueryBuilder(DeploymentEntity, 'd')
      .where('d.application_id = :applicationId AND d.environment_id = :environmentId', {
        applicationId,
        environmentId,
      })
      .andWhere("d.status = 'succeeded'")
      .orderBy('d.started_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .getMany();
    // Artifact versions are checked at write time, so every stored one parses.
    return succeeded.find((d) => compareSemVer(parseSemVer(d.version)!, min) >= 0) ?? null;
  }

  /** Breaches reported for an application in an environment after `since` (database time), oldest first. */
  breachesSince(
    applicationId: string,
    environmentId: string,
    since: Date,
    db: EntityManager = this.dataSource.manager,
  ): Promise<HealthSignalEntity[]> {
    return db
      .createQueryBuilder(HealthSignalEntity, 's')
      .where('s.application_id = :applicationId AND s.environment_id = :environmentId', {
        applicationId,
        environmentId,
      })
      .andWhere("s.status = 'breach' AND s.created_at > :since", { since })
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
  }

  /** Every deployment status change and health signal, from any instance, after it committed. */
  subscribe(listener: ReleaseListener): () => void {
    return this.bus.subscribeReleases(listener);
  }
}
