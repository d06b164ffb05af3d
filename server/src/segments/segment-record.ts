import type { KeyListChange, SegmentKeyListName } from './segment-key-lists.js';
import type { SegmentSummary } from './segment-summary.js';

export type SegmentKeyChanges = Partial<Record<SegmentKeyListName, KeyListChange>>;

type Recorded = Pick<
  SegmentSummary,
  'key' | 'name' | 'description' | 'rules' | 'salt' | 'includedCount' | 'excludedCount'
>;

/**
 * What a revision records of a segment: everything but the key lists, which are counted. The
 * lists can hold 100,000 keys each, and a revision per edit holding them whole would make the log
 * (and every page of it the console reads) megabytes per edit; the `after` of a revision instead
 * carries `keyChanges`, the keys that edit added and removed (see MAX_RECORDED_KEYS).
 */
export function segmentRecord(segment: Recorded, keyChanges?: SegmentKeyChanges): Record<string, unknown> {
  const record: Record<string, unknown> = {
    key: segment.key,
    name: segment.name,
    description: segment.description,
    rules: segment.rules,
    salt: segment.salt,
    includedCount: segment.includedCount,
    excludedCount: segment.excludedCount,
  };
  if (keyChanges && Object.keys(keyChanges).length > 0) record.keyChanges = keyChanges;
  return record;
}
