// The validator is registered, not imported by the evaluator: this file loads sdk-core's modules
// without its entry (as sdk-web does), so no validator is there until the first tests import
// validator.ts, which registers it. Snapshots marked `validated` need none.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { booleanFlag, snapshotOf } from './builders.js';
import { compile, useValidator, type SnapshotChanges } from './compile.js';
import type { Evaluator } from './evaluator.js';
import type { Flag, Segment, Snapshot } from './model.js';
import { re2jsEngine } from './re2js-engine.js';
import { usePatternEngine } from './regex.js';
import { loadSpecCases, sdkCoreTarget, type SpecFile, type SpecTarget } from './spec-vectors.js';
import { snapshotValidator, validateSnapshot } from './validate.js';

/** Malformed in a way only validation notices: its weights sum to 90 %. */
const short = booleanFlag('short', {
  fallthrough: { rollout: { weights: [{ variation: 'on', weight: 90_000 }] } },
});
const SHORT_PROBLEM = '/flags/short/fallthrough/rollout/weights: weights sum to 90000, not 100000';

const validated = (snapshot: Snapshot): Snapshot => ({ ...snapshot, validated: true });

/**
 * What a server could mark validated: `snapshot` without its flags that have a problem or depend on
 * one (whose evaluation those left do not depend on); undefined when a problem is not a flag's.
 */
function withoutProblems(snapshot: Snapshot): Snapshot | undefined {
  const flags = { ...snapshot.flags };
  for (;;) {
    const problems = validateSnapshot({ ...snapshot, flags });
    if (problems.length === 0) return validated({ ...snapshot, flags });
    for (const p of problems) {
      const [, area, key] = p.path.split('/');
      if (area !== 'flags' || key === undefined || !Object.hasOwn(flags, key)) return undefined;
      delete flags[key];
    }
  }
}

/** Everything a caller can see of an evaluator, for the keys given. */
function behaviour(evaluator: Evaluator, keys: string[]) {
  const contexts = [{}, { targetingKey: 'user-1' }, { targetingKey: 'user-2', plan: 'pro' }];
  return {
    problems: evaluator.problems,
    details: keys.map((key) => contexts.map((c) => evaluator.evaluate(key, c))),
  };
}

describe('compile without a registered validator', () => {
  it('evaluates no flag of a snapshot not marked validated: each returns its default with PARSE_ERROR', () => {
    const ev = compile(snapshotOf(booleanFlag('plain')));
    expect(ev.problems).toEqual([
      {
        path: '',
        code: 'VALIDATOR_MISSING',
        message: 'the snapshot is not validated and no validator is loaded',
      },
    ]);
    expect(ev.booleanDetail('plain', false)).toMatchObject({
      value: false,
      reason: 'ERROR',
      errorCode: 'PARSE_ERROR',
      errorMessage: 'the snapshot is not validated and no validator is loaded',
    });
  });

  it('compiles a snapshot marked validated without one', () => {
    const ev = compile(validated(snapshotOf(booleanFlag('plain'))));
    expect(ev.problems).toEqual([]);
    expect(ev.booleanValue('plain', false)).toBe(true);
  });

  it('validates once validator.ts is loaded', async () => {
    await import('./validator.js');
    const ev = compile(snapshotOf(short, booleanFlag('plain')));
    expect(ev.booleanDetail('short', false, { targetingKey: 'u' }).errorMessage).toBe(SHORT_PROBLEM);
    expect(ev.booleanValue('plain', false)).toBe(true);
  });
});

describe('compile of a snapshot marked validated', () => {
  it('does not validate it again', () => {
    let validations = 0;
    useValidator((snapshot, reuse) => (validations++, snapshotValidator(snapshot, reuse)));
    try {
      const ev = compile(validated(snapshotOf(short)));
      expect(validations).toBe(0);
      expect(ev.problems).toEqual([]);
      expect(ev.booleanDetail('short', false, { targetingKey: 'u' }).errorCode).toBeUndefined();
      compile(snapshotOf(short));
      expect(validations).toBe(1);
    } finally {
      useValidator(snapshotValidator);
    }
  });

  it('evaluates every spec vector of a flag without problems exactly as when it is validated', async () => {
    usePatternEngine(re2jsEngine);
    let compared = 0;
    const target: SpecTarget = {
      evaluate(snapshot, flagKey, type, defaultValue, context) {
        const detail = sdkCoreTarget.evaluate(snapshot, flagKey, type, defaultValue, context);
        const clean = withoutProblems(snapshot);
        if (clean !== undefined && Object.hasOwn(clean.flags, flagKey)) {
          const marked = sdkCoreTarget.evaluate(clean, flagKey, type, defaultValue, context);
          expect({ flagKey, context, marked }).toStrictEqual({ flagKey, context, marked: detail });
          compared++;
        }
        return detail;
      },
    };
    for (const file of ['clauses.json', 'flags.json'] as SpecFile[]) {
      const json: unknown = JSON.parse(readFileSync(new URL(`../spec/${file}`, import.meta.url), 'utf8'));
      for (const c of loadSpecCases(file, json)) expect(await c.run(target)).toEqual([]);
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('turns what cannot be compiled despite the mark into PARSE_ERROR, flag by flag, and lists it', () => {
    const broken = { ...booleanFlag('broken'), rules: 'none' } as unknown as Flag;
    const ghost = booleanFlag('ghost', { fallthrough: { variation: 'maybe' } });
    const orphan = booleanFlag('orphan', { prerequisites: [{ flag: 'gone', variation: 'on' }] });
    const cohort = { key: 'cohort', included: [], excluded: [], rules: 7 } as unknown as Segment;
    const member = booleanFlag('member', {
      rules: [
        {
          id: 'r',
          clauses: [{ attribute: '', op: 'segmentMatch', values: ['cohort'] }],
          serve: { variation: 'on' },
        },
      ],
    });
    const snapshot: Snapshot = {
      ...snapshotOf(broken, ghost, orphan, member, booleanFlag('plain')),
      segments: { cohort },
      validated: true,
    };

    const ev = compile(snapshot);
    expect(ev.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'MALFORMED /segments/cohort',
      'MALFORMED /flags/broken',
      'MALFORMED /flags/ghost',
      'MALFORMED /flags/orphan',
    ]);
    const parseErrors = ['broken', 'ghost', 'orphan', 'member'].map((key) => {
      const d = ev.booleanDetail(key, true, { targetingKey: 'u' });
      return [d.value, d.errorCode, d.errorMessage];
    });
    expect(parseErrors).toEqual([
      [true, 'PARSE_ERROR', expect.stringMatching(/^\/flags\/broken: /)],
      [true, 'PARSE_ERROR', '/flags/ghost: no variation maybe'],
      [true, 'PARSE_ERROR', '/flags/orphan: no prerequisite flag gone'],
      [true, 'PARSE_ERROR', expect.stringMatching(/^segment cohort is malformed: \/segments\/cohort: /)],
    ]);
    expect(ev.booleanValue('plain', false)).toBe(true);
  });
});

describe('incremental compile between validated and unvalidated snapshots', () => {
  const keys = ['short', 'plain', 'added'];
  const step = (previous: Evaluator, next: Snapshot, changed: string[]): Evaluator => {
    const changes: SnapshotChanges = { flags: new Set(changed), segments: new Set() };
    const incremental = compile(next, previous, changes);
    expect(behaviour(incremental, keys)).toEqual(behaviour(compile(next), keys));
    return incremental;
  };

  it('is the same as compiling each snapshot from scratch, whichever way it moves', () => {
    // The server would not mark v1 validated with `short` in it: that only shows that the
    // validation v2 needs covers what v1 never had validated here.
    const v1 = validated(snapshotOf(short, booleanFlag('plain')));
    const v2 = { ...snapshotOf(short, booleanFlag('plain'), booleanFlag('added')), version: 2 };
    const v3 = validated({
      ...v2,
      version: 3,
      flags: { ...v2.flags, added: booleanFlag('added', { enabled: false }) },
    });
    const v4 = {
      ...v3,
      version: 4,
      validated: undefined,
      flags: { ...v3.flags, plain: booleanFlag('plain', { enabled: false }) },
    };

    const e2 = step(compile(v1), v2, ['added']);
    expect(e2.booleanDetail('short', false, { targetingKey: 'u' }).errorMessage).toBe(SHORT_PROBLEM);
    const e3 = step(e2, v3, ['added']);
    expect(e3.problems).toEqual([]);
    step(e3, v4, ['plain']);
  });
});
