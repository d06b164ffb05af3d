import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { decodeCursor, toPage, type Page } from '../graphql/connection.js';
import { ProjectLookup } from '../projects/project-lookup.js';
import { InputChecks, MAX_NAME_LENGTH } from '../validation/input-checks.js';
import { FlagConfigLoader } from './flag-config-loader.js';
import type { FlagConfigModel } from './flag-config.model.js';
import { normaliseTags } from './flag-definition.js';
import type { FlagEntity } from './flag.entity.js';
import type { FlagModel } from './flag.model.js';
import { FlagRepository, type FlagFilter } from './flag.repository.js';
import { flagConfigView, flagView } from './flag-view.js';

const MAX_STALE_DAYS = 36_500;

/** Reading flags: lists, one flag, and the views mutations answer with. Every role may read. */
@Injectable()
export class FlagReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ProjectLookup,
    private readonly repository: FlagRepository,
  ) {}

  async list(
    actor: Actor,
    projectKey: string,
    filter: FlagFilter,
    size: number,
    after: string | null | undefined,
  ): Promise<Page<FlagModel>> {
    const project = await this.lookup.project(actor, projectKey);
    new InputChecks()
      .text('/search', filter.search, MAX_NAME_LENGTH)
      .integer('/staleDays', filter.staleDays, 0, MAX_STALE_DAYS)
      .done();
    const position = decodeCursor<string>(after, 'string');
    const rows = await this.repository.page(
      this.dataSource.manager,
      project.id,
      { ...filter, tags: filter.tags ? normaliseTags(filter.tags) : null },
      size,
      position,
    );
    const page = toPage(rows, size, (f) => f.key);
    return { ...page, nodes: this.views(project.id, page.nodes) };
  }

  async get(actor: Actor, projectKey: string, key: string): Promise<FlagModel> {
    const project = await this.lookup.project(actor, projectKey);
    const flag = await this.repository.findByKey(this.dataSource.manager, project.id, key);
    if (!flag) throw new NotFoundError(`flag ${key}`);
    return this.views(project.id, [flag])[0]!;
  }

  /** Views of flags of one project whose configurations load together when first asked for. */
  views(projectId: string, flags: readonly FlagEntity[]): FlagModel[] {
    const loader = new FlagConfigLoader(async () => {
      const db = this.dataSource.manager;
      const environments = await this.lookup.environments(projectId, db);
      const rows = await this.repository.configsOf(
        db,
        flags.map((f) => f.id),
      );
      const stored = new Map(rows.map((r) => [`${r.flagId}|${r.environmentId}`, r]));
      const configs = new Map<string, FlagConfigModel[]>();
      for (const flag of flags) {
        configs.set(
          flag.id,
          environments.map((e) => flagConfigView(flag, e, stored.get(`${flag.id}|${e.id}`) ?? null)),
        );
      }
      return configs;
    });
    return flags.map((f) => flagView(f, loader));
  }
}
