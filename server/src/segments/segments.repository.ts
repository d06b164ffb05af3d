import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { SegmentEntity } from './segment.entity.js';
import type { SegmentKeyListName } from './segment-key-lists.js';
import type { SegmentSummary } from './segment-summary.js';

interface SummaryRow {
  id: string;
  project_id: string;
  key: string;
  name: string;
  description: string;
  rules: SegmentSummary['rules'];
  salt: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  included_count: number;
  excluded_count: number;
}

// Counts come from the arrays' headers; the keys themselves stay in the database.
const SUMMARY = `s.id, s.project_id, s.key, s.name, s.description, s.rules, s.salt, s.version,
  s.created_at, s.updated_at, cardinality(s.included) AS included_count, cardinality(s.excluded) AS excluded_count`;

/** Where a flag configuration uses a segment. */
export interface SegmentUse {
  readonly flag: string;
  readonly environment: string;
}

/** The one place that queries the segments table. */
@Injectable()
export class SegmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of a project's segments by key, optionally those whose key or name holds `search`. */
  async page(
    projectId: string,
    options: { after?: string; search?: string | null; limit: number },
  ): Promise<SegmentSummary[]> {
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY} FROM segments s
        WHERE s.project_id = $1
          AND ($2::text IS NULL OR s.key COLLATE "C" > $2)
          AND ($3::text IS NULL OR strpos(lower(s.key), lower($3)) > 0 OR strpos(lower(s.name), lower($3)) > 0)
        ORDER BY s.key COLLATE "C"
        LIMIT $4`,
      [projectId, options.after ?? null, emptyToNull(options.search), options.limit],
    );
    return rows.map(summary);
  }

  async summary(
    projectId: string,
    key: string,
    db: EntityManager = this.dataSource.manager,
  ): Promise<SegmentSummary | undefined> {
    const rows: SummaryRow[] = await db.query(
      `SELECT ${SUMMARY} FROM segments s WHERE s.project_id = $1 AND s.key = $2`,
      [projectId, key],
    );
    return rows[0] && summary(rows[0]);
  }

  /**
   * A page of one key list in stored (code point) order, after the key `after`, optionally only
   * keys holding `search` (case-insensitive). Only the page leaves the database.
   */
  async keys(
    segmentId: string,
    list: SegmentKeyListName,
    options: { after?: string; search?: string | null; limit: number },
  ): Promise<string[]> {
    const column = list === 'included' ? 'included' : 'excluded';
    const rows: { k: string }[] = await this.dataSource.query(
      `SELECT t.k FROM segments s CROSS JOIN LATERAL unnest(s.${column}) WITH ORDINALITY AS t(k, n)
        WHERE s.id = $1
          AND ($2::text IS NULL OR t.k COLLATE "C" > $2)
          AND ($3::text IS NULL OR strpos(lower(t.k), lower($3)) > 0)
        ORDER BY t.n
        LIMIT $4`,
      [segmentId, options.after ?? null, emptyToNull(options.search), options.limit],
    );
    return rows.map((r) => r.k);
  }

  /** The whole segment, key lists included, for a write in `db`'s transaction. */
  find(db: EntityManager, projectId: string, key: string): Promise<SegmentEntity | null> {
    return db.findOneBy(SegmentEntity, { projectId, key });
  }

  async insert(db: EntityManager, segment: SegmentEntity): Promise<void> {
    await db.insert(SegmentEntity, segment);
  }

  async update(
    db: EntityManager,
    id: string,
    change: Partial<Omit<SegmentEntity, 'id' | 'projectId' | 'key' | 'createdAt'>>,
  ): Promise<void> {
    await db.update(SegmentEntity, { id }, change);
  }

  async delete(db: EntityManager, id: string): Promise<void> {
    await db.delete(SegmentEntity, { id });
  }

  /** Every flag configuration of the project with a segmentMatch clause naming the segment. */
  usesOf(db: EntityManager, projectId: string, segmentKey: string): Promise<SegmentUse[]> {
    // Containment matches a rule holding a clause whose op is segmentMatch and whose values hold the key.
    const pattern = JSON.stringify([{ clauses: [{ op: 'segmentMatch', values: [segmentKey] }] }]);
    return db.query(
      `SELECT f.key AS flag, e.key AS environment
         FROM flag_configs fc
         JOIN flags f ON f.id = fc.flag_id
         JOIN environments e ON e.id = fc.environment_id
        WHERE f.project_id = $1 AND fc.rules @> $2::jsonb
        ORDER BY f.key, e.sort_order, e.key`,
      [projectId, pattern],
    );
  }
}

function emptyToNull(search: string | null | undefined): string | null {
  return search === undefined || search === null || search === '' ? null : search;
}

function summary(row: SummaryRow): SegmentSummary {
  return {
    id: row.id,
    projectId: row.project_id,
    key: row.key,
    name: row.name,
    description: row.description,
    rules: row.rules,
    salt: row.salt,
    version: Number(row.version),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    includedCount: Number(row.included_count),
    excludedCount: Number(row.excluded_count),
  };
}
