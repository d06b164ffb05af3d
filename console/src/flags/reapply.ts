import { diffJson } from '../ui/json-diff.js';
import type { FlagConfigDraft } from './flag-config-draft.js';

export interface Reapplied {
  /** Their configuration with every part you changed taken from yours. */
  readonly draft: FlagConfigDraft;
  /** Parts both of you changed: yours wins there, so they deserve a second look. */
  readonly overlapping: ReadonlyArray<keyof FlagConfigDraft>;
}

const PARTS: ReadonlyArray<keyof FlagConfigDraft> = [
  'enabled',
  'offVariation',
  'prerequisites',
  'targets',
  'rules',
  'fallthrough',
  'salt',
];

const changed = (a: FlagConfigDraft, b: FlagConfigDraft, part: keyof FlagConfigDraft) =>
  diffJson(a[part], b[part]).length > 0;

/**
 * Your edit again, on top of what someone else saved meanwhile: part by part (on/off, targets,
 * rules, default rule…), what you changed from `base` is yours, everything else is theirs.
 */
export function reapply(base: FlagConfigDraft, mine: FlagConfigDraft, theirs: FlagConfigDraft): Reapplied {
  const draft = structuredClone(theirs);
  const overlapping: Array<keyof FlagConfigDraft> = [];
  for (const part of PARTS) {
    if (!changed(base, mine, part)) continue;
    (draft as unknown as Record<string, unknown>)[part] = structuredClone(mine[part]);
    if (changed(base, theirs, part)) overlapping.push(part);
  }
  return { draft, overlapping };
}
