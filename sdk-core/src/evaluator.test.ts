import { describe, expect, it } from '@jest/globals';
import { booleanFlag as flag, snapshotOf } from './builders.js';
// Through the entry, which registers the pattern engine (regex.ts).
import { compile, SnapshotFormatError } from './index.js';
import type { EvaluationContext, Snapshot } from './model.js';
import { validateFlag, validateSnapshot } from './validate.js';

describe('evaluation', () => {
  it('returns the same frozen detail object for the same outcome', () => {
    const ev = compile(snapshotOf(flag('f')));
    const a = ev.booleanDetail('f', false, { targetingKey: 'a' });
    expect(ev.booleanDetail('f', false, { targetingKey: 'b' })).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('hands out json values that nobody can change', () => {
    const source = flag('j', {
      kind: 'json',
      variations: [{ key: 'v', value: { list: [1, 2], nested: { a: 1 } } }],
      offVariation: 'v',
      fallthrough: { variation: 'v' },
    });
    const ev = compile(snapshotOf(source));
    const value = ev.objectDetail('j', {}, {}).value as { list: number[]; nested: { a: number } };
    expect(Object.isFrozen(value.list) && Object.isFrozen(value.nested)).toBe(true);
    expect(Object.isFrozen(source.variations[0]!.value)).toBe(false);
  });

  it('never throws, even when reading the context throws', () => {
    const ev = compile(
      snapshotOf(
        flag('f', {
          rules: [
            {
              id: 'r',
              clauses: [{ attribute: 'boom', op: 'in', values: ['x'] }],
              serve: { variation: 'off' },
            },
          ],
        }),
      ),
    );
    const hostile = {
      get boom(): string {
        throw new Error('getter exploded');
      },
    } as EvaluationContext;
    expect(ev.booleanValue('f', true, hostile)).toBe(true);
    const d = ev.booleanDetail('f', true, hostile);
    expect(d).toMatchObject({
      value: true,
      reason: 'ERROR',
      errorCode: 'GENERAL',
      errorMessage: 'getter exploded',
    });
  });

  it('treats a missing or non-object context as empty', () => {
    const ev = compile(snapshotOf(flag('f')));
    expect(ev.booleanDetail('f', false).value).toBe(true);
    expect(ev.booleanDetail('f', false, null as unknown as EvaluationContext).reason).toBe('STATIC');
  });

  it('answers the fast path with the caller default for unknown flags and other kinds', () => {
    const ev = compile(
      snapshotOf(
        flag('f'),
        flag('s', {
          kind: 'string',
          variations: [{ key: 'a', value: 'a' }],
          offVariation: 'a',
          fallthrough: { variation: 'a' },
        }),
      ),
    );
    expect(ev.booleanValue('nope', true)).toBe(true);
    expect(ev.booleanValue('s', true)).toBe(true);
  });

  it('survives a prerequisite chain far deeper than the limit without a stack overflow', () => {
    const flags = Array.from({ length: 5000 }, (_, i) =>
      flag(`f${i}`, { prerequisites: i < 4999 ? [{ flag: `f${i + 1}`, variation: 'on' }] : [] }),
    );
    const ev = compile(snapshotOf(...flags));
    expect(ev.booleanDetail('f0', true, {})).toMatchObject({
      value: false,
      variant: 'off',
      reason: 'ERROR',
      errorCode: 'GENERAL',
    });
    expect(ev.booleanDetail('f4990', false, {})).toMatchObject({ value: true, reason: 'DEFAULT' });
  });

  it('never runs a pattern that failed validation', () => {
    const ev = compile(
      snapshotOf(
        flag('r', {
          rules: [
            {
              id: 'r',
              clauses: [{ attribute: 'e', op: 'matches', values: ['(a'] }],
              serve: { variation: 'off' },
            },
          ],
        }),
      ),
    );
    expect(ev.booleanDetail('r', true, { e: 'a' })).toMatchObject({ value: true, errorCode: 'PARSE_ERROR' });
    expect(ev.problems.map((p) => p.code)).toEqual(['INVALID_REGEX']);
  });

  it('evaluates (a+)+$ against a 100,000-character non-matching input without hanging', () => {
    const ev = compile(
      snapshotOf(
        flag('r', {
          rules: [
            {
              id: 'r',
              clauses: [{ attribute: 'v', op: 'matches', values: ['(a+)+$'] }],
              serve: { variation: 'off' },
            },
          ],
        }),
      ),
    );
    expect(ev.problems).toEqual([]);
    // A backtracking engine would not finish this within the test timeout; RE2's automaton is linear.
    expect(ev.booleanValue('r', false, { v: `${'a'.repeat(100_000)}!` })).toBe(true);
    expect(ev.booleanValue('r', true, { v: `!${'a'.repeat(100_000)}` })).toBe(false);
  });

  it('refuses input that is not a snapshot', () => {
    expect(() => compile(null as unknown as Snapshot)).toThrow(SnapshotFormatError);
    expect(() => compile({ version: 1 } as unknown as Snapshot)).toThrow(SnapshotFormatError);
  });

  it('carries config entries and lists flag keys', () => {
    const ev = compile({
      ...snapshotOf(flag('a'), flag('b')),
      version: 3,
      config: { timeout: { type: 'number', value: 30 } },
    });
    expect(ev.configEntry('timeout')).toEqual({ type: 'number', value: 30 });
    expect(ev.configEntry('toString')).toBeUndefined();
    expect(ev.flagKeys()).toEqual(['a', 'b']);
    expect(ev.flagKind('a')).toBe('boolean');
    expect(ev.version).toBe(3);
  });
});

describe('validation', () => {
  it('returns every problem with a JSON Pointer path', () => {
    const problems = validateSnapshot({
      version: 1,
      flags: {
        'a/b': flag('a/b', {
          offVariation: 'nope',
          fallthrough: { rollout: { weights: [{ variation: 'on', weight: 10 }] } },
          rules: [
            {
              id: 'r',
              clauses: [{ attribute: 'x', op: 'semverGt', values: ['1.x'] }],
              serve: { variation: 'on' },
            },
          ],
        }),
      },
      segments: {},
      config: { c: { type: 'number', value: 'thirty' } },
    });
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['/flags/a~1b/offVariation', 'UNKNOWN_VARIATION'],
      ['/flags/a~1b/rules/0/clauses/0/values/0', 'INVALID_SEMVER'],
      ['/flags/a~1b/fallthrough/rollout/weights', 'WEIGHTS_SUM'],
      ['/config/c/value', 'INVALID_CONFIG'],
    ]);
  });

  it('finds prerequisite cycles when given the other flags', () => {
    const a = flag('a', { prerequisites: [{ flag: 'b', variation: 'on' }] });
    const b = flag('b', { prerequisites: [{ flag: 'c', variation: 'on' }] });
    const c = flag('c', { prerequisites: [{ flag: 'a', variation: 'on' }] });
    expect(validateFlag(a, { flags: { b, c } }).map((p) => p.code)).toEqual(['PREREQUISITE_CYCLE']);
    expect(validateFlag(a).map((p) => p.code)).toEqual([]);
  });

  it('reports a problem for garbage instead of throwing', () => {
    expect(validateFlag(null)[0]!.code).toBe('INVALID_TYPE');
    expect(validateFlag({ key: 'k', rules: 'x', prerequisites: [null] }).length).toBeGreaterThan(3);
    expect(validateSnapshot('nope')[0]!.code).toBe('INVALID_TYPE');
  });
});
