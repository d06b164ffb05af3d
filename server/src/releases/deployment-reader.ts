import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Page } from '../graphql/connection.js';
import type { ReleaseReadScope } from './applications.service.js';
import { DeploymentEventEntity } from './deployment-event.entity.js';
import type { DeploymentEventModel } from './deployment-event.model.js';
import { deploymentView } from './deployment-view.js';
import { DeploymentEntity } from './deployment.entity.js';
import type { DeploymentModel } from './deployment.model.js';
import { environmentRecordsPage } from './newest-first-page.js';

/** Deployments as people read them: an environment's history, what runs there now, a timeline. */
@Injectable()
export class DeploymentReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An environment's deployments, newest first, of all applications or the scope's one. */
  page(scope: ReleaseReadScope, size: number, after?: string | null): Promise<Page<DeploymentModel>> {
    const records = this.dataSource.getRepository(DeploymentEntity);
    return environmentRecordsPage(records, 'started_at', scope, { size, after }, deploymentView);
  }

  /**
   * What runs in an environment now: per application, its most recent deployment that is
   * succeeded (a rolled-back or failed one leaves the one before it running).
   */
  async current({ environment, applications }: ReleaseReadScope): Promise<DeploymentModel[]> {
    const rows = await this.dataSource
      .getRepository(DeploymentEntity)
      .createQueryBuilder('d')
      .distinctOn(['d.application_id'])
      .where("d.environment_id = :environmentId AND d.status = 'succeeded'", {
        environmentId: environment.id,
      })
      .orderBy('d.application_id')
      .addOrderBy('d.started_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .getMany();
    return rows
      .map((d) => deploymentView(d, applications.get(d.applicationId)!.key, environment.key))
      .sort((a, b) => a.application.localeCompare(b.application));
  }

  /** A deployment's timeline, oldest first. */
  async events(deploymentId: string): Promise<DeploymentEventModel[]> {
    const rows = await this.dataSource.getRepository(DeploymentEventEntity).find({
      where: { deploymentId },
      order: { id: 'ASC' },
    });
    return rows.map((e) => ({
      status: e.status,
      details: e.details,
      actor: e.actor,
      createdAt: e.createdAt,
    }));
  }
}
