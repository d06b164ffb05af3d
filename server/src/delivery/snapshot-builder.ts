import {
  validateSnapshotParts,
  type ConfigEntry,
  type Flag,
  type Rule,
  type Segment,
  type Snapshot,
  type ValidationMemo,
  type ValidationReuse,
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
import { changedKeys, MAX_PATCH_VERSIONS, type FeedKey } from './change-feed.js';
import { DeliveryStats } from './delivery-stats.js';
import type { ChangedKeys } from './snapshot-patch.js';

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

/** A built snapshot. */
export interface BuiltSnapshot {
  readonly snapshot: Snapshot;
  /** What validating it found, flag by flag and segment by segment: the next build replays it. */
  readonly validation?: ValidationMemo;
}

/** A snapshot built in full, and whether the environment has secrets (revealed or left out) for this kind. */
export interface FullBuild extends BuiltSnapshot {
  readonly hasSecrets: boolean;
}

/** A secret's plaintext, or undefined when it cannot be decrypted (it is then left out). */
export type RevealSecret = (entry: ConfigEntryRow) => string | undefined;

/**
 * The one place rows become an sdk-core Snapshot: SDK delivery, OFREP and the console's preview
 * all evaluate what this builds. A snapshot is read in one statement (see SNAPSHOT_ROWS_SQL), so
 * the version and the content agree; the next one is built from it by reading only what changed.
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
  async build(environmentId: string, kind: SdkKeyKind): Promise<FullBuild> {
    const rows = await readSnapshotRows(this.dataSource, environmentId, kind);
    this.stats.recordBuild(false);
    const snapshot = assembleSnapshot(rows, kind, (entry) => this.reveal(environmentId, entry));
    return {
      ...this.validated(snapshot),
      hasSecrets: kind === 'server' && rows.configEntries.some((entry) => entry.secret),
    };
  }

  /**
   * The environment's current snapshot built from `base`, an earlier one for the same key kind:
   * only the flags, segments and entries the change feed names since `base` are read, in one
   * statement with the version they make up. The result is what `build` would give. Undefined
   * when it cannot be built so: the feed does not cover every version since `base` (or `base`
   * is too far behind), or a client key now sees a segment `base` did not hold.
   */
  async buildFrom(
    base: BuiltSnapshot,
    environmentId: string,
    kind: SdkKeyKind,
  ): Promise<BuiltSnapshot | undefined> {
    const changes = await readChangedRows(this.dataSource, environmentId, kind, base.snapshot.version);
    if (!changes) return undefined;
    const { rows, changed } = changes;
    const read = assembleSnapshot(rows, kind, (entry) => this.reveal(environmentId, entry), true);
    const snapshot = applyChanges(base.snapshot, rows.version, changed, read, kind);
    if (!snapshot) return undefined;
    this.stats.recordBuild(true);
    // A flag's own checks read the flag and which segments exist: while the same segments exist,
    // only changed flags and segments are checked again.
    const sameSegments = sameKeys(base.snapshot.segments, snapshot.segments);
    const reuse =
      base.validation && sameSegments
        ? {
            memo: base.validation,
            changed: (area: 'flags' | 'segments', key: string) => changed[area].has(key),
          }
        : undefined;
    return this.validated(snapshot, reuse);
  }

  private validated(snapshot: Snapshot, reuse?: ValidationReuse): BuiltSnapshot {
    const { problems, memo } = validateSnapshotParts(snapshot, reuse);
    // SDKs compile a snapshot sdk-core found nothing wrong with without validating it again (the
    // browser SDK then never loads the validator); one with a problem goes out unmarked.
    if (problems.length === 0) snapshot.validated = true;
    return { snapshot, validation: memo };
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

// What a snapshot is made of, as JSON arrays read by one statement (`e` is the environment row,
// $2 whether the key is a server key). Client keys read only what they may see: client-side flags
// and client-side plain configuration; secrets are not even read. Keys in byte order, so bodies are
// stable. `only` narrows a list to some keys.
const flagRows = (only = '') => `
    (SELECT coalesce(json_agg(json_build_object(
        'id', f.id, 'key', f.key, 'kind', f.kind, 'name', f.name, 'description', f.description,
        'variations', f.variations, 'metadata', f.metadata, 'clientSide', f.client_side,
        'config', CASE WHEN c.flag_id IS NOT NULL THEN json_build_object(
          'flagId', c.flag_id, 'enabled', c.enabled, 'offVariation', c.off_variation,
          'targets', c.targets, 'rules', c.rules, 'fallthrough', c.fallthrough,
          'prerequisites', c.prerequisites, 'salt', c.salt) END
      ) ORDER BY f.key COLLATE "C"), '[]')
      FROM flags f LEFT JOIN flag_configs c ON c.flag_id = f.id AND c.environment_id = e.id
      WHERE f.project_id = e.project_id AND f.archived_at IS NULL AND ($2 OR f.client_side) ${only}) AS flags`;
const segmentRows = (only = '') => `
    (SELECT coalesce(json_agg(json_build_object(
        'key', s.key, 'included', s.included, 'excluded', s.excluded, 'rules', s.rules, 'salt', s.salt
      ) ORDER BY s.key COLLATE "C"), '[]')
      FROM segments s WHERE s.project_id = e.project_id ${only}) AS segments`;
const entryRows = (only = '') => `
    (SELECT coalesce(json_agg(json_build_object(
        'key', c.key, 'type', c.type, 'value', c.value, 'secret', c.secret, 'clientSide', c.client_side,
        'ciphertext', encode(c.ciphertext, 'base64'), 'keyId', c.key_id
      ) ORDER BY c.key COLLATE "C"), '[]')
      FROM config_entries c
      WHERE c.environment_id = e.id AND ($2 OR (c.client_side AND NOT c.secret)) ${only}) AS entries`;

/**
 * Everything a snapshot is made of, in one statement: one round trip, and one consistent view
 * of the database (a statement sees a single MVCC snapshot), so the version and the content
 * agree without a transaction (writes bump the version in the transaction that changes content).
 */
const SNAPSHOT_ROWS_SQL = `
  SELECT e.version, ${flagRows()}, ${segmentRows()}, ${entryRows()}
  FROM environments e WHERE e.id = $1`;

/** Keys of `type` the change feed names since version $3 (the `changed` rows of CHANGED_ROWS_SQL). */
const onlyChanged = (type: string, column: string) =>
  `AND ${column} IN (SELECT entity_key FROM changed WHERE entity_type = '${type}')`;

/**
 * What changed since version $3, in one statement as above: the current version, how many
 * versions the change feed (environment_changes, written in each change's transaction) has since
 * $3 (each has rows, so fewer means a gap), the keys it names, and those keys' rows.
 */
const CHANGED_ROWS_SQL = `
  WITH e AS (SELECT id, project_id, version FROM environments WHERE id = $1),
  changed AS (
    SELECT DISTINCT ch.entity_type, ch.entity_key
      FROM environment_changes ch, e
     WHERE ch.environment_id = e.id AND ch.version > $3 AND ch.version <= e.version)
  SELECT e.version,
    (SELECT count(DISTINCT ch.version) FROM environment_changes ch
      WHERE ch.environment_id = e.id AND ch.version > $3 AND ch.version <= e.version) AS versions,
    (SELECT coalesce(json_agg(json_build_object('t', entity_type, 'k', entity_key)), '[]') FROM changed) AS keys,
    ${flagRows(onlyChanged('flag', 'f.key'))},
    ${segmentRows(onlyChanged('segment', 's.key'))},
    ${entryRows(onlyChanged('config', 'c.key'))}
  FROM e`;

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
  return snapshotRows(row);
}

/**
 * The rows of what changed since version `since`, with the keys the change feed names; undefined
 * when the feed cannot say (see SnapshotBuilder.buildFrom).
 */
async function readChangedRows(
  db: DataSource,
  environmentId: string,
  kind: SdkKeyKind,
  since: number,
): Promise<{ rows: SnapshotRows; changed: ChangedKeys } | undefined> {
  const [row]: (SnapshotRowsResult & ChangedRowsResult)[] = await db.query(CHANGED_ROWS_SQL, [
    environmentId,
    kind === 'server',
    since,
  ]);
  if (!row) throw new NotFoundError('environment');
  const version = Number(row.version);
  if (version - since > MAX_PATCH_VERSIONS || Number(row.versions) !== version - since) return undefined;
  return { rows: snapshotRows(row), changed: changedKeys(row.keys) };
}

interface ChangedRowsResult {
  versions: string | number;
  keys: FeedKey[];
}

function snapshotRows(row: SnapshotRowsResult): SnapshotRows {
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
 * secrets revealed. Client keys: only client-side flags, the segments their rules use (or every
 * segment read, with `allSegments`: rows of what changed, whose users may not be among them), and
 * client-side plain entries; never a secret, whatever the rows hold.
 */
export function assembleSnapshot(
  rows: SnapshotRows,
  kind: SdkKeyKind,
  reveal: RevealSecret,
  allSegments = kind === 'server',
): Snapshot {
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
  const used = allSegments ? undefined : segmentKeysIn(Object.values(flags).map((f) => f.rules));
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

/**
 * `base` with what changed since it: `read` holds the changed keys' current values for this key
 * kind (a changed key absent from it is gone, or no longer visible). Unchanged values are shared
 * with `base` and keys stay in byte order, so the result is what a full build would give.
 * Undefined when a client key now sees a segment neither `base` nor `read` holds.
 */
export function applyChanges(
  base: Snapshot,
  version: number,
  changed: ChangedKeys,
  read: Snapshot,
  kind: SdkKeyKind,
): Snapshot | undefined {
  const flags = replaced(base.flags, changed.flags, read.flags);
  let segments: Record<string, Segment> = {};
  if (kind === 'server') segments = replaced(base.segments, changed.segments, read.segments);
  else {
    // A client sees the segments its flags use: a segment whose users all changed may go or come.
    for (const key of [...segmentKeysIn(Object.values(flags).map((f) => f.rules))].sort()) {
      const from = changed.segments.has(key) ? read.segments : base.segments;
      if (Object.hasOwn(from, key)) segments[key] = from[key]!;
      else if (from === base.segments) return undefined;
    }
  }
  const config = replaced(base.config, changed.config, read.config);
  return { version, flags, segments, config };
}

/** `base` with the `changed` keys taken from `read` (removed when `read` has none). */
function replaced<T>(
  base: Readonly<Record<string, T>>,
  changed: ReadonlySet<string>,
  read: Readonly<Record<string, T>>,
): Record<string, T> {
  const keys = Object.keys(base);
  const added = [...changed].filter((k) => Object.hasOwn(read, k) && !Object.hasOwn(base, k));
  // Keys are ASCII (ENTITY_KEY): code-unit order is byte order, the full build's ORDER BY … "C".
  if (added.length > 0) {
    keys.push(...added);
    keys.sort();
  }
  const out: Record<string, T> = {};
  for (const k of keys) {
    if (!changed.has(k)) out[k] = base[k]!;
    else if (Object.hasOwn(read, k)) out[k] = read[k]!;
  }
  return out;
}

function sameKeys(a: object, b: object): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k));
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
