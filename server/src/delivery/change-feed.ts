import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ChangedKeys } from './snapshot-patch.js';

/** A patch names at most this many flags, segments and entries; beyond that a snapshot is sent. */
export const MAX_PATCH_ENTITIES = 100;

/** Resuming from further back than this many versions gets a snapshot without asking the feed. */
export const MAX_PATCH_VERSIONS = 1000;

/** A change feed row as JSON: its entity type and key. */
export interface FeedKey {
  t: string;
  k: string;
}

interface FeedRow {
  versions: string | number;
  keys: FeedKey[] | null;
}

/** The keys of feed rows, by what they name. */
export function changedKeys(keys: readonly FeedKey[]): ChangedKeys {
  const changed = { flags: new Set<string>(), segments: new Set<string>(), config: new Set<string>() };
  for (const { t, k } of keys) {
    if (t === 'flag') changed.flags.add(k);
    else if (t === 'segment') changed.segments.add(k);
    else if (t === 'config') changed.config.add(k);
  }
  return changed;
}

/**
 * What changed in an environment between two versions, from `environment_changes` (written by
 * ChangeWriter in the transaction of each change).
 */
@Injectable()
export class ChangeFeed {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The keys changed after `from` up to and including `to`; undefined when a patch cannot say it:
   * more than MAX_PATCH_ENTITIES keys, a range longer than MAX_PATCH_VERSIONS, or a range the
   * feed does not fully cover (every version has at least one row, so a missing one is a gap).
   */
  async between(environmentId: string, from: number, to: number): Promise<ChangedKeys | undefined> {
    if (from >= to || to - from > MAX_PATCH_VERSIONS) return undefined;
    const range = 'environment_id = $1 AND version > $2 AND version <= $3';
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT
         (SELECT count(DISTINCT version) FROM environment_changes WHERE ${range}) AS versions,
         (SELECT json_agg(json_build_object('t', entity_type, 'k', entity_key)) FROM (
            SELECT DISTINCT entity_type, entity_key FROM environment_changes WHERE ${range} LIMIT $4
          ) changed) AS keys`,
      [environmentId, from, to, MAX_PATCH_ENTITIES + 1],
    );
    const row = rows[0];
    const keys = row?.keys ?? [];
    if (!row || Number(row.versions) !== to - from || keys.length > MAX_PATCH_ENTITIES) return undefined;
    return changedKeys(keys);
  }
}
