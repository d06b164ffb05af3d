import type { Flag } from '@flagstaff/sdk-core';
import type { FlagConfigRecord } from './flag-config-record.js';
import type { FlagEntity } from './flag.entity.js';

type Definition = Pick<
  FlagEntity,
  'key' | 'kind' | 'name' | 'description' | 'variations' | 'metadata' | 'clientSide'
>;

/** The sdk-core flag a definition and one environment's configuration make, as SDKs receive it. */
export function sdkFlag(definition: Definition, config: FlagConfigRecord): Flag {
  const flag: Flag = {
    key: definition.key,
    kind: definition.kind,
    name: definition.name,
    variations: definition.variations,
    metadata: definition.metadata,
    enabled: config.enabled,
    targets: config.targets,
    rules: config.rules,
    fallthrough: config.fallthrough,
    prerequisites: config.prerequisites,
    clientSide: definition.clientSide,
  };
  if (definition.description !== '') flag.description = definition.description;
  if (config.offVariation !== null) flag.offVariation = config.offVariation;
  if (config.salt !== null) flag.salt = config.salt;
  return flag;
}
