import type { FlagKind, Variation } from '@flagstaff/sdk-core';
import type { FlagEntity } from './flag.entity.js';

/** What a revision records of a flag's definition; each environment's part is a `FlagConfigRecord`. */
export interface FlagRecord {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly kind: FlagKind;
  readonly variations: Variation[];
  readonly tags: string[];
  readonly owner: string | null;
  readonly temporary: boolean;
  readonly clientSide: boolean;
  readonly metadata: Record<string, string | number | boolean>;
  readonly archived: boolean;
}

export function flagRecord(f: FlagEntity): FlagRecord {
  return {
    key: f.key,
    name: f.name,
    description: f.description,
    kind: f.kind,
    variations: f.variations,
    tags: f.tags,
    owner: f.owner,
    temporary: f.temporary,
    clientSide: f.clientSide,
    metadata: f.metadata,
    archived: f.archivedAt !== null,
  };
}
