// Patterns for the `matches` operator run on a linear-time RE2 engine (re2js, a pure-JS port of
// RE2): matching is linear in the input for every pattern, so no pattern can backtrack
// catastrophically (`(a+)+$` included). Syntax is RE2's (no backreferences, no lookaround).
// Validation still bounds size and cost.
//
// The engine is registered rather than imported here: it is most of a browser bundle's weight, so
// `@flagstaff/sdk-core` (Node, the server) registers re2js when it loads, while sdk-web loads it on
// demand, only for a snapshot that has a `matches` clause, before compiling that snapshot.

/** Longest accepted pattern, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 1024;
/** Largest accepted compiled program (RE2's rough measure of a pattern's cost). */
export const MAX_PROGRAM_SIZE = 10_000;

export type PatternProblemCode =
  | 'INVALID_REGEX'
  | 'REGEX_TOO_LONG'
  | 'REGEX_TOO_COMPLEX'
  /** No engine is registered: the pattern cannot be judged, so the clause is never used. */
  | 'REGEX_ENGINE_MISSING';

export interface CompiledPattern {
  /** True when the pattern matches anywhere in `input` (use ^ and $ to anchor). */
  test(input: string): boolean;
}

/** An RE2 engine: `compile` throws on a pattern that is not valid RE2 syntax. */
export interface PatternEngine {
  compile(source: string): CompiledPattern & { programSize(): number };
}

export type PatternResult =
  { ok: true; pattern: CompiledPattern } | { ok: false; code: PatternProblemCode; message: string };

let engine: PatternEngine | undefined;

/** Sets the engine every later compile and validation uses (the last registration wins). */
export function usePatternEngine(next: PatternEngine): void {
  engine = next;
}

export function hasPatternEngine(): boolean {
  return engine !== undefined;
}

/** Compiles a pattern, or says why it is refused. Never throws. */
export function compilePattern(source: string): PatternResult {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      code: 'REGEX_TOO_LONG',
      message: `pattern is ${source.length} characters; at most ${MAX_PATTERN_LENGTH} are allowed`,
    };
  }
  if (engine === undefined) {
    return { ok: false, code: 'REGEX_ENGINE_MISSING', message: 'no pattern engine is loaded' };
  }
  let re: ReturnType<PatternEngine['compile']>;
  try {
    re = engine.compile(source);
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
