import { InvalidStageTransitionError } from './invalid-stage-transition-error.js';

export type ReleaseStage = 'alpha' | 'beta' | 'rc' | 'stable';

/** In the order a release moves through them. */
export const RELEASE_STAGES: readonly ReleaseStage[] = ['alpha', 'beta', 'rc', 'stable'];

export function isReleaseStage(value: unknown): value is ReleaseStage {
  return RELEASE_STAGES.includes(value as ReleaseStage);
}

/** Releases move forward only; skipping stages is allowed (alpha → rc), standing still is not. */
export function checkPromotion(what: string, from: ReleaseStage, to: ReleaseStage): void {
  if (RELEASE_STAGES.indexOf(to) <= RELEASE_STAGES.indexOf(from)) {
    throw new InvalidStageTransitionError(what, from, to);
  }
}
