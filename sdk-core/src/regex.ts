// Patterns for the `matches` operator run on re2js, a pure-JS port of RE2: matching is linear in
// the input for every pattern, so no pattern can backtrack catastrophically (`(a+)+$` included).
// Syntax is RE2's (no backreferences, no lookaround). Validation still bounds size and cost.
import { RE2JS } from 're2js';

/** Longest accepted pattern, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 1024;
/** Largest accepted compiled program (RE2's rough measure of a pattern's cost). */
export const MAX_PROGRAM_SIZE = 10_000;

export type PatternProblemCode = 'INVALID_REGEX' | 'REGEX_TOO_LONG' | 'REGEX_TOO_COMPLEX';

export interface CompiledPattern {
  /** True when the pattern matches anywhere in `input` (use ^ and $ to anchor). */
  test(input: string): boolean;
}

export type PatternResult =
  { ok: true; pattern: CompiledPattern } | { ok: false; code: PatternProblemCode; message: string };

/** Compiles a pattern, or says why it is refused. Never throws. */
export function compilePattern(source: string): PatternResult {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      code: 'REGEX_TOO_LONG',
      message: `pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`,
    };
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    return { ok: false, code: 'INVALID_REGEX', message: e instanceof Error ? e.message : String(e) };
  }
  const size = re.programSize();
  if (size > MAX_PROGRAM_SIZE) {
    return {
      ok: false,
      code: 'REGEX_TOO_COMPLEX',
      message: `pattern compiles to ${size} instructions; at most ${MAX_PROGRAM_SIZE} are allowed`,
    };
  }
  return { ok: true, pattern: { test: (input) => re.test(input) } };
}
