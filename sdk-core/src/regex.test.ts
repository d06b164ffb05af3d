// The pattern engine is registered, not imported by the evaluator: this file loads sdk-core's
// modules without its entry (as sdk-web does), so no engine is there until the test registers one.
// The validator is registered from the start (as sdk-web does for snapshots not marked validated).
import { describe, expect, it } from '@jest/globals';
import { booleanFlag, snapshotOf } from './builders.js';
import { compile } from './compile.js';
import { re2jsEngine } from './re2js-engine.js';
import { hasPatternEngine, usePatternEngine, type PatternEngine } from './regex.js';
import { patternProblem } from './validate.js';
import './validator.js';

const withPattern = snapshotOf(
  booleanFlag('beta-mail', {
    rules: [
      {
        id: 'r',
        clauses: [{ attribute: 'email', op: 'matches', values: ['@example\\.com$'] }],
        serve: { variation: 'on' },
      },
    ],
    fallthrough: { variation: 'off' },
  }),
  booleanFlag('plain'),
);

describe('the pattern engine registration', () => {
  it('without an engine, refuses patterns (the flag serves the default with PARSE_ERROR) and evaluates the rest', () => {
    expect(hasPatternEngine()).toBe(false);
    expect(patternProblem('a+')).toMatchObject({ code: 'REGEX_ENGINE_MISSING' });
    const ev = compile(withPattern);
    expect(ev.problems.map((p) => p.code)).toEqual(['REGEX_ENGINE_MISSING']);
    expect(ev.booleanDetail('beta-mail', false, { email: 'a@example.com' })).toMatchObject({
      value: false,
      errorCode: 'PARSE_ERROR',
    });
    expect(ev.booleanValue('plain', false)).toBe(true);
  });

  it('without an engine, refuses the patterns of a validated snapshot too, though nothing validates it', () => {
    const ev = compile({ ...withPattern, validated: true });
    expect(ev.problems).toEqual([
      { path: '/flags/beta-mail', code: 'MALFORMED', message: 'no pattern engine is loaded' },
    ]);
    expect(ev.booleanDetail('beta-mail', false, { email: 'a@example.com' })).toMatchObject({
      value: false,
      errorCode: 'PARSE_ERROR',
      errorMessage: '/flags/beta-mail: no pattern engine is loaded',
    });
    expect(ev.booleanValue('plain', false)).toBe(true);
  });

  it('still refuses an overlong pattern before asking any engine', () => {
    expect(patternProblem('a'.repeat(1025))).toMatchObject({ code: 'REGEX_TOO_LONG' });
  });

  it('compiles with the registered engine and keeps RE2 semantics', () => {
    usePatternEngine(re2jsEngine);
    expect(hasPatternEngine()).toBe(true);
    const ev = compile(withPattern);
    expect(ev.problems).toEqual([]);
    expect(ev.booleanValue('beta-mail', false, { email: 'a@example.com' })).toBe(true);
    expect(ev.booleanValue('beta-mail', true, { email: 'a@example.org' })).toBe(false);
    expect(patternProblem('(?=lookahead)')).toMatchObject({ code: 'INVALID_REGEX' });
  });

  it('judges program size and syntax with whichever engine is registered', () => {
    const compiled: string[] = [];
    const engine: PatternEngine = {
      compile(source) {
        compiled.push(source);
        if (source === 'bad') throw new Error('bad pattern');
        return { test: (input) => input === source, programSize: () => (source === 'huge' ? 10_001 : 3) };
      },
    };
    usePatternEngine(engine);
    expect(patternProblem('bad')).toEqual({ code: 'INVALID_REGEX', message: 'bad pattern' });
    expect(patternProblem('huge')).toMatchObject({ code: 'REGEX_TOO_COMPLEX' });
    expect(patternProblem('x')).toBeUndefined();
    // Validation judges 'x' again, then evaluation compiles it.
    const xOnly = booleanFlag('x-only', {
      rules: [
        {
          id: 'r',
          clauses: [{ attribute: 'email', op: 'matches', values: ['x'] }],
          serve: { variation: 'on' },
        },
      ],
      fallthrough: { variation: 'off' },
    });
    const ev = compile(snapshotOf(xOnly));
    expect(ev.booleanValue('x-only', true, { email: 'x' })).toBe(true);
    expect(ev.booleanValue('x-only', true, { email: 'y' })).toBe(false);
    expect(compiled).toEqual(['bad', 'huge', 'x', 'x', 'x']);
    usePatternEngine(re2jsEngine);
  });
});
