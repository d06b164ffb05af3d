import { describe, expect, it } from '@jest/globals';
import { BOOLEAN, FUNCTION, MS, OBJECT, readOptions, snapshotSource, STRING } from './option-table.js';

const TABLE = {
  name: [STRING],
  on: [BOOLEAN, true],
  everyMs: [MS, 30_000, 1_000],
  waitMs: [MS, 5_000, 1],
  hook: [FUNCTION],
  context: [OBJECT],
  bootstrap: [snapshotSource('a snapshot object or its JSON text')],
} as const;

function read(input: unknown) {
  const problems: string[] = [];
  return { values: readOptions(input, TABLE, problems), problems };
}

describe('readOptions', () => {
  it('takes good values as they are, without a word', () => {
    const good = {
      name: 'a',
      on: false,
      everyMs: 2_000,
      waitMs: 2,
      hook: () => {},
      context: { plan: 'pro' },
      bootstrap: '{}',
    };
    const { values, problems } = read(good);
    expect(problems).toEqual([]);
    expect(values).toEqual(good);
  });

  it('gives the defaults for absent, null and empty values, quietly', () => {
    expect(read({ name: '', on: null, everyMs: undefined })).toEqual({
      values: {
        name: undefined,
        on: true,
        everyMs: 30_000,
        waitMs: 5_000,
        hook: undefined,
        context: undefined,
        bootstrap: undefined,
      },
      problems: [],
    });
  });

  it.each([
    [
      'a number below its least value',
      { everyMs: 10 },
      'option everyMs must be a number ≥ 1000, got 10; using 1000',
    ],
    [
      'a fraction below its least value',
      { waitMs: 0.5 },
      'option waitMs must be a number ≥ 1, got 0.5; using 1',
    ],
    ['a negative number', { everyMs: -1 }, 'option everyMs must be a number ≥ 1000, got -1; using 30000'],
    [
      'a number as text',
      { everyMs: '2000' },
      'option everyMs must be a number ≥ 1000, got "2000"; using 30000',
    ],
    [
      'an infinite number',
      { waitMs: Infinity },
      'option waitMs must be a number ≥ 1, got Infinity; using 5000',
    ],
    ['a string that is not a boolean', { on: 'yes' }, 'option on must be a boolean, got "yes"; using true'],
    ['a number for a string', { name: 3 }, 'option name must be a string, got 3; ignored'],
    ['an array for an object', { context: ['u'] }, 'option context must be an object, got an array; ignored'],
    ['an object for a function', { hook: {} }, 'option hook must be a function, got an object; ignored'],
    [
      'a number for a snapshot',
      { bootstrap: 4 },
      'option bootstrap must be a snapshot object or its JSON text, got 4; ignored',
    ],
    ['a name the table does not know', { nmae: 'a' }, 'unknown option "nmae" ignored'],
    ['options that are not an object', 'a', 'options must be an object, got "a"; using defaults'],
  ])('reports %s, in one form', (_name, input, problem) => {
    expect(read(input).problems).toEqual([problem]);
  });

  it('gives the defaults when the options cannot even be read', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('no');
        },
      },
    );
    const { values, problems } = read(hostile);
    expect(problems).toEqual(['options could not be read (no); using defaults']);
    expect(values).toMatchObject({ on: true, everyMs: 30_000, waitMs: 5_000 });
  });
});
