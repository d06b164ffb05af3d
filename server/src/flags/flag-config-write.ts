import type { WriteTransaction } from '../changes/change-writer.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { VersionConflictError } from '../errors/version-conflict-error.js';
import { diffJson } from '../revisions/json-diff.js';
import type { RevisionAction } from '../revisions/revision.entity.js';
import { defaultFlagConfig, flagConfigRecord, type FlagConfigRecord } from './flag-config-record.js';
import type { FlagConfigEntity } from './flag-config.entity.js';
import type { FlagEntity } from './flag.entity.js';
import type { FlagRepository } from './flag.repository.js';
import type { FlagValidator } from './flag-validator.js';

export interface FlagConfigChange {
  readonly action: Extract<RevisionAction, 'update' | 'copy' | 'restore'>;
  /** The configuration wanted, from the current one (the default when never edited). */
  next(current: FlagConfigRecord): FlagConfigRecord | Promise<FlagConfigRecord>;
  /** When given, the version the change was based on: another one is a CONFLICT. */
  readonly expected?: { readonly what: string; readonly version: number };
}

/**
 * The one way a flag's configuration in the transaction's (locked) environment changes, for
 * people and rollout plans alike: judged by sdk-core, saved only when it differs, recorded as a
 * revision. Returns the row as it is afterwards (null for a default that was never saved).
 */
export async function writeFlagConfig(
  tx: WriteTransaction,
  repository: FlagRepository,
  validator: FlagValidator,
  flag: FlagEntity,
  change: FlagConfigChange,
): Promise<FlagConfigEntity | null> {
  if (flag.archivedAt !== null) {
    throw InvalidInputError.at(
      '',
      'FLAG_ARCHIVED',
      `flag ${flag.key} is archived; unarchive it to change it`,
    );
  }
  const environment = tx.environment!;
  const row = await repository.config(tx.manager, flag.id, environment.id);
  const current = row ? flagConfigRecord(row) : defaultFlagConfig(flag);
  const changed = await change.next(current);
  const problems = await validator.configProblems(tx.manager, environment, flag, changed);
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (change.expected)
    VersionConflictError.check(change.expected.what, change.expected.version, row?.version ?? 0);
  if (diffJson(current, changed).length === 0) return row;
  const saved = await repository.saveConfig(tx.manager, flag.id, environment.id, changed, row?.version ?? 0);
  tx.record({
    entityType: 'flagConfig',
    entityKey: flag.key,
    action: change.action,
    // Never edited before: the default it read as is what changed.
    before: current,
    after: changed,
    environmentId: environment.id,
    snapshotPart: 'flag',
  });
  return saved;
}
