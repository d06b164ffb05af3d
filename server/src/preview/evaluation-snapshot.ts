import type { Flag, Segment, Snapshot } from '@flagstaff/sdk-core';
import type { EntityManager } from 'typeorm';
import type { EnvironmentEntity } from '../environments/environment.entity.js';
import { defaultFlagConfig, flagConfigRecord } from '../flags/flag-config-record.js';
import { FlagConfigEntity } from '../flags/flag-config.entity.js';
import { FlagEntity } from '../flags/flag.entity.js';
import { sdkFlag } from '../flags/sdk-flag.js';
import { SegmentEntity } from '../segments/segment.entity.js';

/**
 * What evaluation needs of one environment, as SDKs receive it: its active flags, each with its
 * configuration there (or the default one when never edited), and the project's segments.
 * Configuration entries are left out: sdk-core carries them, it never evaluates them.
 */
export async function evaluationSnapshot(
  db: EntityManager,
  environment: EnvironmentEntity,
): Promise<Snapshot> {
  const [definitions, configs, segments] = await Promise.all([
    db
      .getRepository(FlagEntity)
      .createQueryBuilder('f')
      .where('f.project_id = :projectId AND f.archived_at IS NULL', { projectId: environment.projectId })
      .getMany(),
    db.findBy(FlagConfigEntity, { environmentId: environment.id }),
    db.findBy(SegmentEntity, { projectId: environment.projectId }),
  ]);
  const byFlag = new Map(configs.map((c) => [c.flagId, c]));
  const flags: Record<string, Flag> = {};
  for (const definition of definitions) {
    const stored = byFlag.get(definition.id);
    flags[definition.key] = sdkFlag(
      definition,
      stored ? flagConfigRecord(stored) : defaultFlagConfig(definition),
    );
  }
  const segmentMap: Record<string, Segment> = {};
  for (const s of segments) {
    segmentMap[s.key] = {
      key: s.key,
      included: s.included,
      excluded: s.excluded,
      rules: s.rules,
      ...(s.salt === null ? {} : { salt: s.salt }),
    };
  }
  return { version: environment.version, flags, segments: segmentMap, config: {} };
}
