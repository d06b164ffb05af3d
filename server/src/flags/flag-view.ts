import { clauseView } from '../targeting/clause.model.js';
import type { Serve } from '@flagstaff/sdk-core';
import type { EnvironmentEntity } from '../environments/environment.entity.js';
import { defaultFlagConfig, flagConfigRecord } from './flag-config-record.js';
import type { FlagConfigEntity } from './flag-config.entity.js';
import type { FlagConfigLoader } from './flag-config-loader.js';
import type { FlagConfigModel, FlagServeModel } from './flag-config.model.js';
import type { FlagEntity } from './flag.entity.js';
import type { FlagModel } from './flag.model.js';
import { rolloutShare } from './rollout-share.js';

export function flagView(f: FlagEntity, configLoader: FlagConfigLoader): FlagModel {
  return {
    id: f.id,
    key: f.key,
    name: f.name,
    description: f.description,
    kind: f.kind,
    variations: f.variations.map((v) => ({
      key: v.key,
      value: v.value,
      name: v.name ?? null,
      description: v.description ?? null,
    })),
    tags: f.tags,
    owner: f.owner,
    temporary: f.temporary,
    clientSide: f.clientSide,
    metadata: f.metadata,
    version: f.version,
    archived: f.archivedAt !== null,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    configLoader,
  };
}

function serveView(s: Serve): FlagServeModel {
  if ('rollout' in s) {
    return {
      variation: null,
      rollout: { bucketBy: s.rollout.bucketBy ?? null, weights: s.rollout.weights },
    };
  }
  return { variation: s.variation, rollout: null };
}

/** A flag's configuration in one environment; no stored row reads as the default at version 0. */
export function flagConfigView(
  flag: FlagEntity,
  environment: Pick<EnvironmentEntity, 'key'>,
  row: FlagConfigEntity | null,
): FlagConfigModel {
  const c = row ? flagConfigRecord(row) : defaultFlagConfig(flag);
  return {
    flag: flag.key,
    environment: environment.key,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
    enabled: c.enabled,
    offVariation: c.offVariation,
    targets: c.targets,
    rules: c.rules.map((r) => ({
      id: r.id,
      description: r.description ?? null,
      clauses: r.clauses.map(clauseView),
      serve: serveView(r.serve),
    })),
    fallthrough: serveView(c.fallthrough),
    prerequisites: c.prerequisites,
    salt: c.salt,
    rolloutShare: rolloutShare(flag, c.fallthrough, c.offVariation),
  };
}
