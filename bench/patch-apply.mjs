// What one SDK client spends applying a patch that edits one flag, by snapshot size: the patch's
// JSON parsed and applied by sdk-core/client's SnapshotStore (incremental compile: only the edited
// flag and what depends on it), against the same changed-keys walk plus compiling the patched
// snapshot from scratch (what a patch cost before). Medians of 5 runs. Run: npm run bench:patch
import { booleanFlag, compile, onOffRollout } from '@flagstaff/sdk-core';
import { changedKeys, parsePatch, SnapshotStore } from '@flagstaff/sdk-core/client';

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function snapshotOf(n) {
  const flags = {};
  for (let i = 0; i < n; i++) {
    flags[`f${i}`] = booleanFlag(`f${i}`, {
      fallthrough: onOffRollout(50_000),
      rules: [
        {
          id: 'pro',
          clauses: [{ attribute: 'plan', op: 'in', values: ['pro'] }],
          serve: { variation: 'on' },
        },
      ],
      // Every tenth flag depends on the one before, so dependents are part of the work.
      prerequisites: i % 10 === 9 ? [{ flag: `f${i - 1}`, variation: 'on' }] : [],
    });
  }
  return { version: 1, flags, segments: {}, config: {} };
}

/** µs per patch for `patches` patches toggling flag f0, applied through `apply`. */
function measure(n, patches, apply) {
  const texts = Array.from({ length: patches }, (_, i) =>
    JSON.stringify({
      from: i + 1,
      version: i + 2,
      flags: { f0: booleanFlag('f0', { enabled: i % 2 === 0 }) },
    }),
  );
  const state = apply.start(snapshotOf(n));
  const t0 = performance.now();
  for (const text of texts) apply.patch(state, parsePatch(JSON.parse(text)));
  return ((performance.now() - t0) * 1000) / patches;
}

const incremental = {
  start(snapshot) {
    const store = new SnapshotStore();
    store.replace(snapshot, 'server');
    return store;
  },
  patch(store, patch) {
    if (store.applyPatch(patch).kind !== 'applied') throw new Error('patch not applied');
  },
};
const fromScratch = {
  start: (snapshot) => ({ snapshot }),
  patch(state, patch) {
    const before = state.snapshot;
    state.snapshot = { ...before, version: patch.version, flags: { ...before.flags, ...patch.flags } };
    changedKeys(before, state.snapshot, { flags: Object.keys(patch.flags), segments: [], config: [] });
    compile(state.snapshot);
  },
};

console.log('applying a one-flag patch, per client (µs per patch, medians of 5 runs)');
for (const n of [1, 100, 1000]) {
  const patches = n >= 1000 ? 500 : 5000;
  const runs = (apply) => median(Array.from({ length: 5 }, () => measure(n, patches, apply)));
  const a = runs(incremental);
  const b = runs(fromScratch);
  console.log(
    `  ${String(n).padStart(5)} flags: ${a.toFixed(1)} µs incremental, ${b.toFixed(1)} µs compiling from scratch`,
  );
}
