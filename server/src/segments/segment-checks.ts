import { validateSegment, type SegmentRule } from '@flagstaff/sdk-core';
import { InvalidInputError, type InputProblem } from '../errors/invalid-input-error.js';
import type { InputChecks } from '../validation/input-checks.js';
import type { SegmentEntity } from './segment.entity.js';
import { checkKeyList, checkListSize } from './segment-key-lists.js';

/** Serialized size of a segment's rules; long lists of keys belong in `included`, not in clauses. */
export const MAX_RULES_BYTES = 256 * 1024;
export const MAX_SALT_LENGTH = 256;

/** Checks of the fields every segment input may carry, key and lists aside. */
export function checkFields(
  checks: InputChecks,
  input: {
    name?: string | null;
    description?: string | null;
    rules?: SegmentRule[] | null;
    salt?: string | null;
  },
): InputChecks {
  checks.name('/name', input.name).text('/description', input.description);
  const salt = input.salt;
  if (salt !== undefined && salt !== null && (salt === '' || salt.length > MAX_SALT_LENGTH)) {
    checks.add(
      '/salt',
      'INVALID_SALT',
      `a salt is 1 to ${MAX_SALT_LENGTH} characters; null uses the segment key`,
    );
  }
  if (input.rules === undefined || input.rules === null) return checks;
  if (Buffer.byteLength(JSON.stringify(input.rules)) > MAX_RULES_BYTES) {
    return checks.add(
      '/rules',
      'TOO_LARGE',
      `rules are at most ${MAX_RULES_BYTES / 1024} KiB of JSON; list keys in included instead`,
    );
  }
  // sdk-core judges the rules; the key and the lists are checked by the callers.
  checks.addAll(validateSegment({ key: 'segment', included: [], excluded: [], rules: input.rules }));
  return checks;
}

/** The keys given to add or remove: valid, at most a full list's worth; sorted and unique. */
export function checkListArgument(keys: readonly string[]): string[] {
  const problems: InputProblem[] = [];
  const unique = checkKeyList('/keys', keys, problems);
  checkListSize('/keys', unique.length, problems);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return unique;
}

/** sdk-core's verdict on the segment as it would be stored. */
export function checkWhole(segment: SegmentEntity): void {
  const problems = validateSegment({ ...segment, salt: segment.salt ?? undefined });
  if (problems.length > 0) throw new InvalidInputError(problems);
}
