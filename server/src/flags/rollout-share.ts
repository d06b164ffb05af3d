import { BUCKETS, type Serve, type Variation } from '@flagstaff/sdk-core';
import type { FlagEntity } from './flag.entity.js';

/**
 * The percentage (0–100) of contexts reaching the fallthrough that get an "on" variation: for a
 * boolean flag one whose value is true, for other kinds anything but the off variation. What the
 * console's flag list shows beside on/off.
 */
export function rolloutShare(
  flag: Pick<FlagEntity, 'kind' | 'variations'>,
  fallthrough: Serve,
  offVariation: string | null,
): number {
  const isOn = (key: string): boolean => {
    if (flag.kind === 'boolean') return flag.variations.find((v: Variation) => v.key === key)?.value === true;
    return key !== offVariation;
  };
  if ('variation' in fallthrough) return isOn(fallthrough.variation) ? 100 : 0;
  if (!('rollout' in fallthrough)) return 0;
  const on = fallthrough.rollout.weights.reduce((sum, w) => sum + (isOn(w.variation) ? w.weight : 0), 0);
  return (on * 100) / BUCKETS;
}
