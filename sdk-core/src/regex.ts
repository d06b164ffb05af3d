// Patterns for the `matches` operator run on a linear-time RE2 engine (re2js, a pure-JS port of
// RE2): matching is linear in the input for every pattern, so no pattern can backtrack
// catastrophically (`(a+)+$` included). Syntax is RE2's (no backreferences, no lookaround).
// Validation still bounds size and cost (`compilePattern`, validate.ts).
//
// The engine is registered rather than imported here: it is most of a browser bundle's weight, so
// `@flagstaff/sdk-core` (Node, the server) registers re2js when it loads, while sdk-web loads it on
// demand, only for a snapshot that has a `matches` clause, before compiling that snapshot.

export interface CompiledPattern {
  /** True when the pattern matches anywhere in `input` (use ^ and $ to anchor). */
  test(input: string): boolean;
}

/** An RE2 engine: `compile` throws on a pattern that is not valid RE2 syntax. */
export interface PatternEngine {
  compile(source: string): CompiledPattern & { programSize(): number };
}

let engine: PatternEngine | undefined;

/** Sets the engine every later compile and validation uses (the last registration wins). */
export function usePatternEngine(next: PatternEngine): void {
  engine = next;
}

export function hasPatternEngine(): boolean {
  return engine !== undefined;
}

/** The registered engine, if any. */
export function patternEngine(): PatternEngine | undefined {
  return engine;
}

export const NO_PATTERN_ENGINE = 'no pattern engine is loaded';
