import type { SegmentRule } from '@flagstaff/sdk-core';
import type { SegmentEntity } from './segment.entity.js';

/** A segment without its key lists: what lists and most reads need, however long the lists are. */
export interface SegmentSummary extends Omit<SegmentEntity, 'included' | 'excluded' | 'rules'> {
  readonly rules: SegmentRule[];
  readonly includedCount: number;
  readonly excludedCount: number;
}
