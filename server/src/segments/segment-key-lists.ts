import type { InputProblem } from '../errors/invalid-input-error.js';

/** Keys each of a segment's lists may hold. */
export const MAX_SEGMENT_KEYS = 100_000;
export const MAX_SEGMENT_KEY_LENGTH = 256;
/** Problems reported per list before the rest are summed up, so 100,000 bad keys make a short error. */
const MAX_KEY_PROBLEMS = 20;
/** Keys a revision lists per list and direction; the counts are always exact. */
export const MAX_RECORDED_KEYS = 1_000;

export type SegmentKeyListName = 'included' | 'excluded';

/** What one write did to one key list, as a revision records it. */
export interface KeyListChange {
  readonly added: string[];
  readonly addedCount: number;
  readonly removed: string[];
  readonly removedCount: number;
}

/**
 * Orders keys by Unicode code point, which is the byte order of their UTF-8 and so the order of
 * `COLLATE "C"` in Postgres: pages read in SQL follow the order the lists are stored in.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// UTF-16 puts code points above U+FFFF (surrogates, D800–DFFF) below E000–FFFF; code point order does not.
function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * Checks the keys given for a list and returns them sorted and without duplicates. Problems get
 * paths `${path}/${index}`; after a few, one more problem tells how many others there were.
 */
export function checkKeyList(path: string, keys: readonly unknown[], problems: InputProblem[]): string[] {
  // One scan of all the keys together is far quicker than one per key; the newline keeps halves of
  // surrogate pairs in neighbouring keys apart.
  const typed = keys.every((k) => typeof k === 'string');
  if (typed && keys.every((k) => k.length > 0 && k.length <= MAX_SEGMENT_KEY_LENGTH)) {
    return sortedUnique(keys);
  }
  const valid: string[] = [];
  let bad = 0;
  keys.forEach((key, index) => {
    const problem = keyProblem(key);
    if (problem === undefined) {
      valid.push(key as string);
      return;
    }
    bad++;
    if (bad <= MAX_KEY_PROBLEMS) {
      problems.push({ path: `${path}/${index}`, code: 'INVALID_SEGMENT_KEY', message: problem });
    }
  });
  if (bad > MAX_KEY_PROBLEMS) {
    problems.push({
      path,
      code: 'INVALID_SEGMENT_KEY',
      message: `${bad - MAX_KEY_PROBLEMS} more keys are invalid`,
    });
  }
  return sortedUnique(valid);
}

function keyProblem(key: unknown): string | undefined {
  if (typeof key !== 'string') return 'a key is a string';
  if (key.length === 0 || key.length > MAX_SEGMENT_KEY_LENGTH) {
    return `a key is 1 to ${MAX_SEGMENT_KEY_LENGTH} characters`;
  }
  return undefined;
}

export function sortedUnique(keys: readonly string[]): string[] {
  const unique = [...new Set(keys)];
  // The native sort orders by UTF-16 code unit, which is code point order unless a key holds
  // U+D800 or above; only then is the slower comparison needed.
  return unique.some((k) => BEYOND_BMP_ORDER.test(k)) ? unique.sort(compareKeys) : unique.sort();
}

const BEYOND_BMP_ORDER = /[\uD800-\uFFFF]/;

/** Refuses a list longer than the limit. */
export function checkListSize(path: string, size: number, problems: InputProblem[]): void {
  if (size > MAX_SEGMENT_KEYS) {
    problems.push({
      path,
      code: 'TOO_MANY_KEYS',
      message: `a segment lists at most ${MAX_SEGMENT_KEYS.toLocaleString('en')} keys here; this would be ${size.toLocaleString('en')}`,
    });
  }
}

/**
 * Every key of `keys` that `other` holds, with its index in `keys`, reported at `path`: a key
 * cannot be both included and excluded.
 */
export function checkDisjoint(
  path: string,
  keys: readonly string[],
  other: ReadonlySet<string>,
  otherName: SegmentKeyListName,
  problems: InputProblem[],
): void {
  let clashes = 0;
  keys.forEach((key, index) => {
    if (!other.has(key)) return;
    clashes++;
    if (clashes <= MAX_KEY_PROBLEMS) {
      problems.push({
        path: `${path}/${index}`,
        code: 'KEY_IN_BOTH_LISTS',
        message: `${key} is ${otherName} too; a key is in one list at most`,
      });
    }
  });
  if (clashes > MAX_KEY_PROBLEMS) {
    problems.push({
      path,
      code: 'KEY_IN_BOTH_LISTS',
      message: `${clashes - MAX_KEY_PROBLEMS} more keys are ${otherName} too`,
    });
  }
}

/** Both lists sorted by compareKeys; the result is too. */
export function mergeSorted(current: readonly string[], adding: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < current.length && j < adding.length) {
    const order = compareKeys(current[i]!, adding[j]!);
    if (order < 0) out.push(current[i++]!);
    else if (order > 0) out.push(adding[j++]!);
    else {
      out.push(current[i++]!);
      j++;
    }
  }
  while (i < current.length) out.push(current[i++]!);
  while (j < adding.length) out.push(adding[j++]!);
  return out;
}

/** What turning `before` into `after` (both sorted by compareKeys) added and removed; undefined when nothing changed. */
export function keyListChange(
  before: readonly string[],
  after: readonly string[],
): KeyListChange | undefined {
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length && j < after.length) {
    const x = before[i]!;
    const y = after[j]!;
    if (x === y) {
      i++;
      j++;
    } else if (compareKeys(x, y) < 0) {
      removed.push(x);
      i++;
    } else {
      added.push(y);
      j++;
    }
  }
  while (i < before.length) removed.push(before[i++]!);
  while (j < after.length) added.push(after[j++]!);
  if (added.length === 0 && removed.length === 0) return undefined;
  return {
    added: added.slice(0, MAX_RECORDED_KEYS),
    addedCount: added.length,
    removed: removed.slice(0, MAX_RECORDED_KEYS),
    removedCount: removed.length,
  };
}
