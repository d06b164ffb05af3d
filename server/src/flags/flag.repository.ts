import { Injectable } from '@nestjs/common';
import type { Prerequisite } from '@flagstaff/sdk-core';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { SegmentEntity } from '../segments/segment.entity.js';
import type { FlagConfigRecord } from './flag-config-record.js';
import { FlagConfigEntity } from './flag-config.entity.js';
import { FlagEntity } from './flag.entity.js';

export interface FlagFilter {
  /** Case-insensitive substring of the key or the name. */
  readonly search?: string | null;
  /** Lower-case; the flag has every one of them. */
  readonly tags?: readonly string[] | null;
  /** true: only archived flags; false: only active ones; null: both. */
  readonly archived?: boolean | null;
  readonly temporary?: boolean | null;
  /** Neither the definition nor any configuration changed, nor any SDK evaluated it, in this many days. */
  readonly staleDays?: number | null;
}

/** A configuration of another flag that names a flag as its prerequisite. */
export interface PrerequisiteUse {
  readonly flag: string;
  readonly environmentId: string;
  readonly prerequisites: Prerequisite[];
}

/** Keys sort byte-wise on every database, whatever its default collation. */
/**
 * TypeORM's QueryDeepPartialEntity recurses into jsonb columns typed with sdk-core's recursive
 * JsonValue until TypeScript gives up; the values are plain entity fields, so the check is skipped.
 */
const deepPartial = (values: object) => values as never;

const KEY_ORDER = 'f.key COLLATE "C"';

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every query of the flags domain; services pass the transaction's manager when inside a write. */
@Injectable()
export class FlagRepository {
  findByKey(db: EntityManager, projectId: string, key: string): Promise<FlagEntity | null> {
    return db.findOneBy(FlagEntity, { projectId, key });
  }

  findByKeys(db: EntityManager, projectId: string, keys: readonly string[]): Promise<FlagEntity[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return db.findBy(FlagEntity, { projectId, key: In([...keys]) });
  }

  /** One page of the project's flags in key order, `size + 1` rows, after the key `after`. */
  page(
    db: EntityManager,
    projectId: string,
    filter: FlagFilter,
    size: number,
    after: string | undefined,
  ): Promise<FlagEntity[]> {
    const q = db
      .getRepository(FlagEntity)
      .createQueryBuilder('f')
      .where('f.project_id = :projectId', { projectId })
      .orderBy(KEY_ORDER, 'ASC')
      .limit(size + 1);
    if (after !== undefined) q.andWhere(`${KEY_ORDER} > :after`, { after });
    if (filter.search) {
      q.andWhere(`(f.key ILIKE :pattern ESCAPE '\\' OR f.name ILIKE :pattern ESCAPE '\\')`, {
        pattern: likePattern(filter.search),
      });
    }
    if (filter.tags && filter.tags.length > 0)
      q.andWhere('f.tags @> ARRAY[:...tags]::text[]', { tags: filter.tags });
    if (filter.archived === true) q.andWhere('f.archived_at IS NOT NULL');
    if (filter.archived === false) q.andWhere('f.archived_at IS NULL');
    if (filter.temporary != null) q.andWhere('f.temporary = :temporary', { temporary: filter.temporary });
    if (filter.staleDays != null) {
      q.andWhere(`f.updated_at < now() - make_interval(days => :staleDays)`, { staleDays: filter.staleDays });
      q.andWhere(
        `NOT EXISTS (SELECT 1 FROM flag_configs c WHERE c.flag_id = f.id AND c.updated_at >= now() - make_interval(days => :staleDays))`,
      );
      q.andWhere(
        `NOT EXISTS (SELECT 1 FROM flag_evaluations v JOIN environments e ON e.id = v.environment_id
          WHERE e.project_id = f.project_id AND v.flag_key = f.key AND v.last_evaluated_at >= now() - make_interval(days => :staleDays))`,
      );
    }
    return q.getMany();
  }

  /** The stored configurations of these flags in every environment, in one query. */
  configsOf(db: EntityManager, flagIds: readonly string[]): Promise<FlagConfigEntity[]> {
    if (flagIds.length === 0) return Promise.resolve([]);
    return db.findBy(FlagConfigEntity, { flagId: In([...flagIds]) });
  }

  config(db: EntityManager, flagId: string, environmentId: string): Promise<FlagConfigEntity | null> {
    return db.findOneBy(FlagConfigEntity, { flagId, environmentId });
  }

  /** Every flag of the project with its stored configuration in one environment (null: the default). */
  async inEnvironment(
    db: EntityManager,
    projectId: string,
    environmentId: string,
  ): Promise<{ flag: FlagEntity; config: FlagConfigEntity | null }[]> {
    const flags = await db.findBy(FlagEntity, { projectId });
    const configs = await db
      .getRepository(FlagConfigEntity)
      .createQueryBuilder('c')
      .innerJoin(FlagEntity, 'f', 'f.id = c.flag_id')
      .where('c.environment_id = :environmentId AND f.project_id = :projectId', { environmentId, projectId })
      .getMany();
    const byFlag = new Map(configs.map((c) => [c.flagId, c]));
    return flags.map((flag) => ({ flag, config: byFlag.get(flag.id) ?? null }));
  }

  /** The keys of the project's segments (only the keys: a segment may hold 200,000 targeting keys). */
  async segmentKeys(db: EntityManager, projectId: string): Promise<string[]> {
    const rows = await db.find(SegmentEntity, { select: { key: true }, where: { projectId } });
    return rows.map((s) => s.key);
  }

  /** The configurations of the project's other active flags that name `flagKey` as a prerequisite. */
  async prerequisiteUses(db: EntityManager, projectId: string, flagKey: string): Promise<PrerequisiteUse[]> {
    const rows: { flag: string; environment_id: string; prerequisites: Prerequisite[] }[] = await db.query(
      `SELECT f.key AS flag, c.environment_id, c.prerequisites
         FROM flag_configs c JOIN flags f ON f.id = c.flag_id
        WHERE f.project_id = $1 AND f.archived_at IS NULL AND f.key <> $2 AND c.prerequisites @> $3::jsonb
        ORDER BY f.key COLLATE "C"`,
      [projectId, flagKey, JSON.stringify([{ flag: flagKey }])],
    );
    return rows.map((r) => ({
      flag: r.flag,
      environmentId: r.environment_id,
      prerequisites: r.prerequisites,
    }));
  }

  insertFlag(db: EntityManager, flag: FlagEntity): Promise<unknown> {
    return db.insert(FlagEntity, deepPartial(flag));
  }

  /** A new flag's configuration, the same in every environment, at version 1. */
  async insertConfigs(
    db: EntityManager,
    flagId: string,
    environmentIds: readonly string[],
    config: FlagConfigRecord,
  ): Promise<void> {
    if (environmentIds.length === 0) return;
    await db.insert(
      FlagConfigEntity,
      deepPartial(environmentIds.map((environmentId) => ({ flagId, environmentId, ...config, version: 1 }))),
    );
  }

  /** Writes changed fields of a definition and bumps its version. */
  updateFlag(db: EntityManager, flag: FlagEntity, change: Partial<FlagEntity>): Promise<unknown> {
    return db.update(
      FlagEntity,
      { id: flag.id },
      deepPartial({ ...change, version: flag.version + 1, updatedAt: () => 'now()' }),
    );
  }

  /** Stores a configuration: the first edit of an environment inserts it at version 1. */
  async saveConfig(
    db: EntityManager,
    flagId: string,
    environmentId: string,
    config: FlagConfigRecord,
    currentVersion: number,
  ): Promise<FlagConfigEntity> {
    const saved: FlagConfigEntity = {
      flagId,
      environmentId,
      ...config,
      version: currentVersion + 1,
      updatedAt: new Date(),
    };
    if (currentVersion === 0) await db.insert(FlagConfigEntity, deepPartial(saved));
    else await db.update(FlagConfigEntity, { flagId, environmentId }, deepPartial(saved));
    return saved;
  }
}
