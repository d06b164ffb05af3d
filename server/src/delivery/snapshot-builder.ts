import type { ConfigEntry, Flag, Rule, Segment, Snapshot } from '@flagstaff/sdk-core';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { LOGGER } from '../app/injection-tokens.js';
import { ConfigEntryEntity } from '../configuration/config-entry.entity.js';
import { ConfigSecrets } from '../configuration/config-secrets.js';
import { EnvironmentEntity } from '../environments/environment.entity.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { defaultFlagConfig, flagConfigRecord } from '../flags/flag-config-record.js';
import { FlagConfigEntity } from '../flags/flag-config.entity.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { sdkFlag } from '../flags/sdk-flag.js';
import type { Logger } from '../logging/logger.js';
import { SegmentEntity } from '../segments/segment.entity.js';
import type { SdkKeyKind } from '../tokens/token-enums.js';
import { DeliveryStats } from './delivery-stats.js';

/** The rows one snapshot is made of, read together. */
export interface SnapshotRows {
  readonly version: number;
  readonly flags: readonly FlagEntity[];
  readonly flagConfigs: readonly FlagConfigEntity[];
  readonly segments: readonly SegmentEntity[];
  readonly configEntries: readonly ConfigEntryEntity[];
}

/** A built snapshot, and whether the environment has secrets (revealed or left out) for this kind. */
export interface BuiltSnapshot {
  readonly snapshot: Snapshot;
  readonly hasSecrets: boolean;
}

/** A secret's plaintext, or undefined when it cannot be decrypted (it is then left out). */
export type RevealSecret = (entry: ConfigEntryEntity) => string | undefined;

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
    const rows = await this.dataSource.transaction('REPEATABLE READ', (db) =>
      readSnapshotRows(db, environmentId, kind),
    );
    this.stats.recordBuild();
    return {
      snapshot: assembleSnapshot(rows, kind, (entry) => this.reveal(environmentId, entry)),
      hasSecrets: kind === 'server' && rows.configEntries.some((entry) => entry.secret),
    };
  }

  private reveal(environmentId: string, entry: ConfigEntryEntity): string | undefined {
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

const BYTE_ORDER = (alias: string) => `${alias}.key COLLATE "C"`;

/**
 * Client keys read only what they may see: client-side flags, the segments those flags use, and
 * client-side plain configuration; secrets are not even read.
 */
async function readSnapshotRows(
  db: EntityManager,
  environmentId: string,
  kind: SdkKeyKind,
): Promise<SnapshotRows> {
  const environment = await db.findOneBy(EnvironmentEntity, { id: environmentId });
  if (!environment) throw new NotFoundError('environment');
  const flagQuery = db
    .getRepository(FlagEntity)
    .createQueryBuilder('f')
    .where('f.project_id = :projectId AND f.archived_at IS NULL', { projectId: environment.projectId });
  if (kind === 'client') flagQuery.andWhere('f.client_side');
  const flags = await flagQuery.orderBy(BYTE_ORDER('f')).getMany();
  const flagConfigs =
    flags.length === 0
      ? []
      : await db.findBy(FlagConfigEntity, { environmentId, flagId: In(flags.map((f) => f.id)) });
  const segmentQuery = db
    .getRepository(SegmentEntity)
    .createQueryBuilder('s')
    .where('s.project_id = :projectId', { projectId: environment.projectId });
  if (kind === 'client') {
    const used = segmentKeysIn(flagConfigs.map((c) => c.rules));
    segmentQuery.andWhere('s.key = ANY(:used)', { used: [...used] });
  }
  const segments = await segmentQuery.orderBy(BYTE_ORDER('s')).getMany();
  const entryQuery = db
    .getRepository(ConfigEntryEntity)
    .createQueryBuilder('c')
    .where('c.environment_id = :environmentId', { environmentId });
  if (kind === 'client') entryQuery.andWhere('c.client_side AND NOT c.secret');
  const configEntries = await entryQuery.orderBy(BYTE_ORDER('c')).getMany();
  return { version: environment.version, flags, flagConfigs, segments, configEntries };
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
