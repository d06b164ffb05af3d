import {
  validateSnapshot,
  type ConfigEntry,
  type Flag,
  type Rule,
  type Segment,
  type Snapshot,
} from '@flagstaff/sdk-core';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LOGGER } from '../app/injection-tokens.js';
import { ConfigEntryEntity } from '../configuration/config-entry.entity.js';
import { ConfigSecrets } from '../configuration/config-secrets.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { defaultFlagConfig, flagConfigRecord } from '../flags/flag-config-record.js';
import { FlagConfigEntity } from '../flags/flag-config.entity.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { sdkFlag } from '../flags/sdk-flag.js';
import type { Logger } from '../logging/logger.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { DeliveryStats } from './delivery-stats.js';

type FlagRow = Pick<
  FlagEntity,
  'id' | 'key' | 'kind' | 'name' | 'description' | 'variations' | 'metadata' | 'clientSide' | 'archivedAt'
>;
type FlagConfigRow = Pick<
  FlagConfigEntity,
  'flagId' | 'enabled' | 'offVariation' | 'targets' | 'rules' | 'fallthrough' | 'prerequisites' | 'salt'
>;
type SegmentRow = Pick<SegmentEntity, 'key' | 'included' | 'excluded' | 'rules' | 'salt'>;
type ConfigEntryRow = Pick<
  ConfigEntryEntity,
  'key' | 'type' | 'value' | 'secret' | 'clientSide' | 'ciphertext' | 'keyId'
>;

/** The rows one snapshot is made of, read together. */
export interface SnapshotRows {
  readonly version: number;
  readonly flags: readonly FlagRow[];
  readonly flagConfigs: readonly FlagConfigRow[];
  readonly segments: readonly SegmentRow[];
  readonly configEntries: readonly ConfigEntryRow[];
}

/** A built snapshot, and whether the environment has secrets (revealed or left out) for this kind. */
export interface BuiltSnapshot {
  readonly snapshot: Snapshot;
  readonly hasSecrets: boolean;
}

/** A secret's plaintext, or undefined when it cannot be decrypted (it is then left out). */
export type RevealSecret = (entry: ConfigEntryRow) => string | undefined;

/**
 * The one place rows become an sdk-core Snapshot: SDK delivery, OFREP and the console's preview
 * all evaluate what this builds. Everything is read in one REPEATABLE READ transaction, so the
 * version and the content agree (writes bump the version in the transaction that changes content).
 */
@Injectable()
export class SnapshotBuilder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secrets: ConfigSecrets,
    private readonly stats: DeliveryStats,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The environment's snapshot as a key of this kind sees it. NotFoundError for no such environment. */
  async build(environmentId: string, kind: SdkKeyKind): Promise<BuiltSnapshot> {
    const rows = await readSnapshotRows(this.dataSource, environmentId, kind);
    this.stats.recordBuild();
    const snapshot = assembleSnapshot(rows, kind, (entry) => this.reveal(environmentId, entry));
    // SDKs compile a snapshot sdk-core found nothing wrong with without validating it again (the
    // browser SDK then never loads the validator); one with a problem goes out unmarked.
    if (validateSnapshot(snapshot).length === 0) snapshot.validated = true;
    return {
      snapshot,
      hasSecrets: kind === 'server' && rows.configEntries.some((entry) => entry.secret),
    };
  }

  private reveal(environmentId: string, entry: ConfigEntryRow): string | undefined {
    try {
      return this.secrets.reveal(entry);
    } catch (error) {
      // One unreadable secret must not keep every other flag and value from the SDKs.
      this.stats.recordSecretLeftOut();
      this.logger.error(
        { err: error, environmentId, configKey: entry.key },
        `secret ${entry.key} cannot be decrypted; it is left out of the snapshot`,
      );
      return undefined;
    }
  }
}

/**
 * Everything a snapshot is made of, in one statement: one round trip, and one consistent view
 * of the database (a statement sees a single MVCC snapshot), so the version and the content
 * agree without a transaction (writes bump the version in the transaction that changes content).
 * Client keys read only what they may see: client-side flags and client-side plain
 * configuration; secrets are not even read. Keys in byte order, so bodies are stable.
 */
const SNAPSHOT_ROWS_SQL = `
  SELECT e.version,
    (SELECT coalesce(json_agg(json_build_object(
        'id', f.id, 'key', f.key, 'kind', f.kind, 'name', f.name, 'description', f.description,
        'variations', f.variations, 'metadata', f.metadata, 'clientSide', f.client_side,
        'config', CASE WHEN c.flag_id IS NOT NULL THEN json_build_object(
          'flagId', c.flag_id, 'enabled', c.enabled, 'offVariation', c.off_variation,
          'targets', c.targets, 'rules', c.rules, 'fallthrough', c.fallthrough,
          'prerequisites', c.prerequisites, 'salt', c.salt) END
      ) ORDER BY f.key COLLATE "C"), '[]')
      FROM flags f LEFT JOIN flag_configs c ON c.flag_id = f.id AND c.environment_id = e.id
      WHERE f.project_id = e.project_id AND f.archived_at IS NULL AND ($2 OR f.client_side)) AS flags,
    (SELECT coalesce(json_agg(json_build_object(
        'key', s.key, 'included', s.included, 'excluded', s.excluded, 'rules', s.rules, 'salt', s.salt
      ) ORDER BY s.key COLLATE "C"), '[]')
      FROM segments s WHERE s.project_id = e.project_id) AS segments,
    (SELECT coalesce(json_agg(json_build_object(
        'key', c.key, 'type', c.type, 'value', c.value, 'secret', c.secret, 'clientSide', c.client_side,
        'ciphertext', encode(c.ciphertext, 'base64'), 'keyId', c.key_id
      ) ORDER BY c.key COLLATE "C"), '[]')
      FROM config_entries c
      WHERE c.environment_id = e.id AND ($2 OR (c.client_side AND NOT c.secret))) AS entries
  FROM environments e WHERE e.id = $1`;

interface SnapshotRowsResult {
  version: string | number;
  flags: (Omit<FlagRow, 'archivedAt'> & { config: FlagConfigRow | null })[];
  segments: SegmentRow[];
  entries: (Omit<ConfigEntryRow, 'ciphertext'> & { ciphertext: string | null })[];
}

async function readSnapshotRows(
  db: DataSource,
  environmentId: string,
  kind: SdkKeyKind,
): Promise<SnapshotRows> {
  const [row]: SnapshotRowsResult[] = await db.query(SNAPSHOT_ROWS_SQL, [environmentId, kind === 'server']);
  if (!row) throw new NotFoundError('environment');
  return {
    version: Number(row.version),
    flags: row.flags.map(({ config: _config, ...flag }) => ({ ...flag, archivedAt: null })),
    flagConfigs: row.flags.flatMap((f) => (f.config ? [f.config] : [])),
    segments: row.segments,
    configEntries: row.entries.map((e) => ({
      ...e,
      ciphertext: e.ciphertext === null ? null : Buffer.from(e.ciphertext, 'base64'),
    })),
  };
}

/**
 * Rows to a snapshot for one key kind. Server keys: every active flag (with its configuration
 * here, or the default one when never edited), every segment, every configuration entry with
 * secrets revealed. Client keys: only client-side flags, the segments their rules use, and
 * client-side plain entries; never a secret, whatever the rows hold.
 */
export function assembleSnapshot(rows: SnapshotRows, kind: SdkKeyKind, reveal: RevealSecret): Snapshot {
  const configs = new Map(rows.flagConfigs.map((c) => [c.flagId, c]));
  const flags: Record<string, Flag> = {};
  for (const definition of rows.flags) {
    if (definition.archivedAt !== null || (kind === 'client' && !definition.clientSide)) continue;
    const stored = configs.get(definition.id);
    flags[definition.key] = sdkFlag(
      definition,
      stored ? flagConfigRecord(stored) : defaultFlagConfig(definition),
    );
  }
  const used = kind === 'client' ? segmentKeysIn(Object.values(flags).map((f) => f.rules)) : undefined;
  const segments: Record<string, Segment> = {};
  for (const s of rows.segments) {
    if (used && !used.has(s.key)) continue;
    segments[s.key] = {
      key: s.key,
      included: s.included,
      excluded: s.excluded,
      rules: s.rules,
      ...(s.salt === null ? {} : { salt: s.salt }),
    };
  }
  const config: Record<string, ConfigEntry> = {};
  for (const entry of rows.configEntries) {
    if (entry.secret) {
      if (kind === 'client') continue;
      const value = reveal(entry);
      if (value !== undefined) config[entry.key] = { type: entry.type, value, secret: true };
    } else if (kind === 'server' || entry.clientSide) {
      config[entry.key] = { type: entry.type, value: entry.value ?? null };
    }
  }
  return { version: rows.version, flags, segments, config };
}

/** Keys of the segments these rules match on (`segmentMatch` clauses). */
function segmentKeysIn(ruleLists: Iterable<readonly Rule[]>): Set<string> {
  const used = new Set<string>();
  for (const rules of ruleLists) {
    for (const rule of rules) {
      for (const clause of rule.clauses) {
        if (clause.op !== 'segmentMatch') continue;
        for (const value of clause.values) if (typeof value === 'string') used.add(value);
      }
    }
  }
  return used;
}
