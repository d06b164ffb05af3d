import { describe, expect, it } from '@jest/globals';
import { booleanFlag, type Snapshot } from '@flagstaff/sdk-core';
import type { SnapshotPatch } from '@flagstaff/sdk-core/client';
import { SharedSnapshotStore } from './shared-snapshot-store.js';

const base = (): Snapshot => ({
  version: 10,
  flags: { checkout: booleanFlag('checkout'), other: booleanFlag('other') },
  segments: {},
  config: {},
});

const patch = (p: Partial<SnapshotPatch> & { from: number; version: number }): SnapshotPatch => ({
  flags: {},
  segments: {},
  config: {},
  ...p,
});

describe('SharedSnapshotStore (clients of one SDK key in one process)', () => {
  const off = patch({
    from: 10,
    version: 11,
    flags: { checkout: booleanFlag('checkout', { enabled: false }) },
  });

  it('compiles a version once: the other stores take its snapshot and evaluator', () => {
    const [a, b] = [new SharedSnapshotStore('key-1'), new SharedSnapshotStore('key-1')];
    a.replace(base(), 'server');
    b.replace(base(), 'server');
    expect(b.evaluator).toBe(a.evaluator);
    expect(a.applyPatch(off)).toMatchObject({ kind: 'applied', keys: ['checkout'] });
    expect(b.applyPatch(off)).toMatchObject({ kind: 'applied', keys: ['checkout'] });
    expect(b.evaluator).toBe(a.evaluator);
    expect(b.evaluator!.booleanValue('checkout', true)).toBe(false);
    a.release();
    b.release();
  });

  it('shares nothing between keys, nor with a store that holds another version', () => {
    const a = new SharedSnapshotStore('key-2');
    const other = new SharedSnapshotStore('key-3');
    a.replace(base(), 'server');
    other.replace(base(), 'server');
    expect(other.evaluator).not.toBe(a.evaluator);
    a.applyPatch(off);
    const late = new SharedSnapshotStore('key-2');
    late.replace({ ...base(), version: 9 }, 'server');
    // The patch a applied followed 10; late holds 9, so it has missed a change.
    expect(late.applyPatch(patch({ from: 9, version: 11 }))).toMatchObject({ kind: 'applied' });
    expect(late.evaluator).not.toBe(a.evaluator);
    for (const s of [a, other, late]) s.release();
  });

  it('gives each store its own lists of changed keys', () => {
    const [a, b] = [new SharedSnapshotStore('key-4'), new SharedSnapshotStore('key-4')];
    a.replace(base(), 'server');
    b.replace(base(), 'server');
    const first = a.applyPatch(off);
    const second = b.applyPatch(off);
    if (first.kind !== 'applied' || second.kind !== 'applied') throw new Error('not applied');
    expect(second.keys).toEqual(first.keys);
    expect(second.keys).not.toBe(first.keys);
    a.release();
    b.release();
  });

  it('takes a shared version over its bootstrap, and reports what the bootstrap lacked', () => {
    const a = new SharedSnapshotStore('key-6');
    a.replace(base(), 'server');
    const b = new SharedSnapshotStore('key-6');
    b.replace({ ...base(), flags: { checkout: booleanFlag('checkout', { enabled: false }) } }, 'bootstrap');
    expect(b.replace(base(), 'server')).toMatchObject({ first: false, keys: ['checkout', 'other'] });
    expect(b.evaluator).toBe(a.evaluator);
    a.release();
    b.release();
  });

  it('forgets the shared versions once every store of the key is released', () => {
    const a = new SharedSnapshotStore('key-5');
    a.replace(base(), 'server');
    a.release();
    const b = new SharedSnapshotStore('key-5');
    b.replace(base(), 'server');
    expect(b.evaluator).not.toBe(a.evaluator);
    b.release();
  });
});
