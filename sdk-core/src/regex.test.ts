// The pattern engine is registered, not imported by the evaluator: this file loads sdk-core's
// modules without its entry (as sdk-web does), so no engine is there until the test registers one.
import { describe, expect, it } from '@jest/globals';
import { booleanFlag, snapshotOf } from './builders.js';
import { compile } from './compile.js';
import { re2jsEngine } from './re2js-engine.js';
import { compilePattern, hasPatternEngine, usePatternEngine, type PatternEngine } from './regex.js';

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
    expect(compilePattern('a+')).toMatchObject({ ok: false, code: 'REGEX_ENGINE_MISSING' });
    const ev = compile(withPattern);
    expect(ev.problems.map((p) => p.code)).toEqual(['REGEX_ENGINE_MISSING']);
    expect(ev.booleanDetail('beta-mail', false, { email: 'a@example.com' })).toMatchObject({
      value: false,
      errorCode: 'PARSE_ERROR',
    });
    expect(ev.booleanValue('plain', false)).toBe(true);
  });

  it('still refuses an overlong pattern before asking any engine', () => {
    expect(compilePattern('a'.repeat(1025))).toMatchObject({ ok: false, code: 'REGEX_TOO_LONG' });
  });

  it('compiles with the registered engine and keeps RE2 semantics', () => {
    usePatternEngine(re2jsEngine);
    expect(hasPatternEngine()).toBe(true);
    const ev = compile(withPattern);
    expect(ev.problems).toEqual([]);
    expect(ev.booleanValue('beta-mail', false, { email: 'a@example.com' })).toBe(true);
    expect(ev.booleanValue('beta-mail', true, { email: 'a@example.org' })).toBe(false);
    expect(compilePattern('(?=lookahead)')).toMatchObject({ ok: false, code: 'INVALID_REGEX' });
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
    expect(compilePattern('bad')).toEqual({ ok: false, code: 'INVALID_REGEX', message: 'bad pattern' });
    expect(compilePattern('huge')).toMatchObject({ ok: false, code: 'REGEX_TOO_COMPLEX' });
    const ok = compilePattern('x');
    expect(ok.ok && ok.pattern.test('x')).toBe(true);
    expect(compiled).toEqual(['bad', 'huge', 'x']);
    usePatternEngine(re2jsEngine);
  });
});
