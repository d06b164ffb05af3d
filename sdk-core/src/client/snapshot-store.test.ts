import { describe, expect, it } from '@jest/globals';
import { booleanFlag } from '../builders.js';
import type { Snapshot } from '../model.js';
import type { SnapshotPatch } from './protocol.js';
import { SnapshotStore } from './snapshot-store.js';
// sdk-core's entry registers the validator; these modules are imported without it.
import '../validator.js';

const base = (): Snapshot => ({
  version: 10,
  flags: {
    checkout: booleanFlag('checkout'),
    beta: booleanFlag('beta', {
      rules: [
        {
          id: 'r',
          clauses: [{ attribute: '', op: 'segmentMatch', values: ['testers'] }],
          serve: { variation: 'on' },
        },
      ],
      fallthrough: { variation: 'off' },
    }),
    'needs-beta': booleanFlag('needs-beta', { prerequisites: [{ flag: 'beta', variation: 'on' }] }),
    'needs-needs-beta': booleanFlag('needs-needs-beta', {
      prerequisites: [{ flag: 'needs-beta', variation: 'on' }],
    }),
  },
  segments: { testers: { key: 'testers', included: ['alice'], excluded: [], rules: [] } },
  config: { retries: { type: 'number', value: 3 } },
});

const patch = (p: Partial<SnapshotPatch> & { from: number; version: number }): SnapshotPatch => ({
  flags: {},
  segments: {},
  config: {},
  ...p,
});

function serverStore(): SnapshotStore {
  const store = new SnapshotStore();
  store.replace(base(), 'server');
  return store;
}

describe('SnapshotStore', () => {
  it('applies a patch that follows the version it holds: upserts and removals', () => {
    const store = serverStore();
    const outcome = store.applyPatch(
      patch({
        from: 10,
        version: 11,
        flags: { checkout: booleanFlag('checkout', { enabled: false }), fresh: booleanFlag('fresh') },
        config: { retries: null, region: { type: 'string', value: 'eu' } },
      }),
    );
    expect(outcome).toEqual({
      kind: 'applied',
      version: 11,
      first: false,
      keys: ['checkout', 'fresh'],
      configKeys: ['region', 'retries'],
      segmentKeys: [],
    });
    expect(store.serverVersion).toBe(11);
    expect(store.evaluator!.booleanValue('checkout', true, { targetingKey: 'u' })).toBe(false);
    expect(store.evaluator!.booleanValue('fresh', false, { targetingKey: 'u' })).toBe(true);
    expect(store.evaluator!.configEntry('retries')).toBeUndefined();
    expect(store.evaluator!.configEntry('region')).toEqual({ type: 'string', value: 'eu' });
  });

  it('removes a flag on null and reports it changed', () => {
    const store = serverStore();
    const outcome = store.applyPatch(patch({ from: 10, version: 11, flags: { checkout: null } }));
    expect(outcome).toMatchObject({ kind: 'applied', keys: ['checkout'] });
    expect(store.evaluator!.booleanDetail('checkout', false).errorCode).toBe('FLAG_NOT_FOUND');
  });

  it('reports flags using a changed segment, and their dependents through prerequisites', () => {
    const store = serverStore();
    const outcome = store.applyPatch(
      patch({
        from: 10,
        version: 11,
        segments: { testers: { key: 'testers', included: ['alice', 'bob'], excluded: [], rules: [] } },
      }),
    );
    expect(outcome).toMatchObject({
      keys: ['beta', 'needs-beta', 'needs-needs-beta'],
      configKeys: [],
      segmentKeys: ['testers'],
    });
    expect(store.evaluator!.booleanValue('beta', false, { targetingKey: 'bob' })).toBe(true);
  });

  it('reports no key for a patch that changes nothing visible', () => {
    const store = serverStore();
    const same = base().flags.checkout!;
    expect(store.applyPatch(patch({ from: 10, version: 11, flags: { checkout: same } }))).toMatchObject({
      kind: 'applied',
      keys: [],
      configKeys: [],
    });
  });

  it('refuses a patch that does not follow the version held (a gap)', () => {
    const store = serverStore();
    expect(store.applyPatch(patch({ from: 11, version: 12 }))).toEqual({ kind: 'gap', held: 10 });
    expect(store.serverVersion).toBe(10);
  });

  it('ignores a patch leading to a version already held', () => {
    const store = serverStore();
    expect(store.applyPatch(patch({ from: 9, version: 10 }))).toEqual({ kind: 'behind' });
    expect(store.applyPatch(patch({ from: 8, version: 9 }))).toEqual({ kind: 'behind' });
  });

  it('never applies a patch on top of a bootstrap snapshot', () => {
    const store = new SnapshotStore();
    store.replace(base(), 'bootstrap');
    expect(store.serverVersion).toBeUndefined();
    expect(store.applyPatch(patch({ from: 10, version: 11 }))).toEqual({ kind: 'gap', held: undefined });
  });

  it('compiles once per version: the same or an older server snapshot is ignored', () => {
    const store = serverStore();
    const evaluator = store.evaluator;
    expect(store.replace(base(), 'server')).toBeUndefined();
    expect(store.replace({ ...base(), version: 9 }, 'server')).toBeUndefined();
    expect(store.evaluator).toBe(evaluator);
    expect(store.replace({ ...base(), version: 12 }, 'server')).toMatchObject({ version: 12, keys: [] });
    expect(store.evaluator).not.toBe(evaluator);
  });

  it("replaces a bootstrap with the server's snapshot even at the same version", () => {
    const store = new SnapshotStore();
    expect(store.replace(base(), 'bootstrap')).toMatchObject({ first: true });
    const server = base();
    server.flags.checkout = booleanFlag('checkout', { enabled: false });
    expect(store.replace(server, 'server')).toMatchObject({ first: false, keys: ['checkout'] });
    expect(store.serverVersion).toBe(10);
  });

  it('freezes configuration values so callers cannot edit what the store holds', () => {
    const store = new SnapshotStore();
    store.replace({ ...base(), config: { limits: { type: 'json', value: { max: [1, 2] } } } }, 'server');
    const value = store.evaluator!.configEntry('limits')!.value as { max: number[] };
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.max)).toBe(true);
  });
});
