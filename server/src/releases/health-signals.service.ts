import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { HealthStatus } from '../bus/release-event.js';
import type { Page } from '../graphql/connection.js';
import type { ReleaseReadScope } from './applications.service.js';
import { HealthSignalEntity } from './health-signal.entity.js';
import type { HealthSignalModel } from './health-signal.model.js';
import { ReleaseLookup } from './release-lookup.js';
import type { ReleaseTransaction } from './release-writer.js';
import { environmentRecordsPage } from './newest-first-page.js';

export interface HealthInput {
  readonly application: string;
  readonly environment: string;
  readonly status: HealthStatus;
  readonly source: string;
  readonly details?: Record<string, unknown>;
}

/** Health signals: what pipelines, alerting webhooks and scripts report about a running application. */
@Injectable()
export class HealthSignalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ReleaseLookup,
  ) {}

  async report(
    tx: ReleaseTransaction,
    projectId: string,
    input: HealthInput,
    actor: string,
  ): Promise<HealthSignalModel> {
    const { application, environment } = await this.lookup.target(tx.manager, projectId, input);
    const id = randomUUID();
    await tx.manager.insert(HealthSignalEntity, {
      id,
      applicationId: application.id,
      environmentId: environment.id,
      status: input.status,
      source: input.source,
      details: input.details ?? null,
      actor,
    });
    tx.publish({
      kind: 'health',
      projectId,
      applicationId: application.id,
      environmentId: environment.id,
      signalId: id,
      status: input.status,
    });
    const signal = await tx.manager.findOneByOrFail(HealthSignalEntity, { id });
    return healthSignalView(signal, application.key, environment.key);
  }

  /** An environment's signals, newest first, of all applications or the scope's one. */
  page(scope: ReleaseReadScope, size: number, after?: string | null): Promise<Page<HealthSignalModel>> {
    const records = this.dataSource.getRepository(HealthSignalEntity);
    return environmentRecordsPage(records, 'created_at', scope, { size, after }, healthSignalView);
  }
}

function healthSignalView(
  s: HealthSignalEntity,
  applicationKey: string,
  environmentKey: string,
): HealthSignalModel {
  return {
    id: s.id,
    application: applicationKey,
    environment: environmentKey,
    status: s.status,
    source: s.source,
    details: s.details,
    createdAt: s.createdAt,
    actor: s.actor,
  };
}
