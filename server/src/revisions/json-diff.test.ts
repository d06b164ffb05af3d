import { describe, expect, it } from '@jest/globals';
import { diffJson } from './json-diff.js';

describe('diffJson', () => {
  it('finds nothing between equal documents', () => {
    expect(diffJson({ a: [1, { b: true }] }, { a: [1, { b: true }] })).toEqual([]);
  });

  it('names each changed leaf by its JSON Pointer', () => {
    expect(
      diffJson(
        { enabled: false, rules: [{ id: 'r1', serve: { variation: 'on' } }], 'a/b': 1 },
        { enabled: true, rules: [{ id: 'r1', serve: { variation: 'off' } }, { id: 'r2' }], salt: 'x' },
      ),
    ).toEqual([
      { path: '/a~1b', op: 'remove', before: 1 },
      { path: '/enabled', op: 'replace', before: false, after: true },
      { path: '/rules/0/serve/variation', op: 'replace', before: 'on', after: 'off' },
      { path: '/rules/1', op: 'add', after: { id: 'r2' } },
      { path: '/salt', op: 'add', after: 'x' },
    ]);
  });

  it('replaces a value whose type changed as a whole', () => {
    expect(diffJson({ v: [1] }, { v: { 0: 1 } })).toEqual([
      { path: '/v', op: 'replace', before: [1], after: { 0: 1 } },
    ]);
  });

  it('describes a created entity as one addition at the root', () => {
    expect(diffJson(undefined, { key: 'k' })).toEqual([{ path: '', op: 'add', after: { key: 'k' } }]);
  });
});
