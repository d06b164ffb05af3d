import { describe, expect, it } from '@jest/globals';
import { type InvalidInputError } from '../errors/invalid-input-error.js';
import { StorableTextPipe } from './storable-text.pipe.js';

const pipe = new StorableTextPipe();
const problemOf = (value: unknown, name = 'input') => {
  try {
    pipe.transform(value, { type: 'body', data: name });
    return undefined;
  } catch (error) {
    return (error as InvalidInputError).problems[0];
  }
};

describe('StorableTextPipe', () => {
  it('passes text Postgres can store, emoji included', () => {
    expect(problemOf({ name: 'Zoë 🚀', tags: ['a'], nested: { n: 1, b: true, x: null } })).toBeUndefined();
  });

  it('points at a string holding NUL by the argument name and JSON Pointer', () => {
    expect(problemOf({ value: { list: ['ok', 'a\u0000b'] } })).toEqual({
      path: '/input/value/list/1',
      code: 'INVALID_TEXT',
      message: expect.stringContaining('NUL'),
    });
  });

  it('points at an unpaired surrogate in an object key, escaping the key', () => {
    expect(problemOf({ 'a/b': { '\ud800': 1 } })?.path).toBe('/input/a~1b/\ud800');
  });

  it('checks plain string arguments too', () => {
    expect(problemOf('x\u0000', 'reason')?.path).toBe('/reason');
  });

  it('leaves custom parameter decorators (the actor) alone', () => {
    expect(pipe.transform({ label: 'a\u0000' }, { type: 'custom' })).toEqual({ label: 'a\u0000' });
  });
});
