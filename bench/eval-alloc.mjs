// Allocation per evaluation: heap growth over 10^6 evaluations of each workload flag (the shared
// peer-bench workload, same snapshot as bench/peer-adapter.mjs), through the fast boolean path and
// through the detail path. Run: node --expose-gc bench/eval-alloc.mjs (after `tsc -b sdk-core`).
// The young generation is made large enough (256 MB semi-spaces) that no scavenge runs inside a
// measured loop, so the heap delta is what the loop allocated; GCs seen during a loop are reported.
import { spawnSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const FLAGS = ['--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256'];
if (!process.execArgv.includes('--min-semi-space-size=256')) {
  const r = spawnSync(process.execPath, [...FLAGS, fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

process.env.BENCH_PEERS_SPEC ??= new URL('../../shared/bench-peers/lib/spec.mjs', import.meta.url).href;
const adapter = await import('./peer-adapter.mjs');
const { makeUsers, FLAG_KEYS } = await import(process.env.BENCH_PEERS_SPEC);

await adapter.setup();
const { compile } = await import('../sdk-core/dist/index.js');
const evaluator = compile(adapter.snapshot);
const contexts = makeUsers(100_000).map((u) => adapter.makeContext(u));
const N = 1_000_000;

let gcs = 0;
new PerformanceObserver((list) => (gcs += list.getEntries().length)).observe({ entryTypes: ['gc'] });

const paths = {
  'booleanValue (fast path)': (key, ctx) => evaluator.booleanValue(key, false, ctx),
  booleanDetail: (key, ctx) => evaluator.booleanDetail(key, false, ctx).value,
};

function measure(fn, key) {
  let t = 0;
  for (let i = 0; i < 200_000; i++) if (fn(key, contexts[i % contexts.length])) t++; // warm up, JIT
  globalThis.gc();
  globalThis.gc();
  const seenBefore = gcs;
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < N; i++) if (fn(key, contexts[i % contexts.length])) t++;
  const after = process.memoryUsage().heapUsed;
  return { bytesPerEval: Math.max(0, after - before) / N, gcDuring: gcs - seenBefore, t };
}

console.log(
  `allocation per evaluation, ${N.toLocaleString('en')} evaluations per cell (node ${process.version})`,
);
console.log('path                      | flag     | bytes/eval | GCs during loop');
console.log('--------------------------|----------|------------|----------------');
for (const [pathName, fn] of Object.entries(paths)) {
  for (const key of Object.values(FLAG_KEYS)) {
    // Each cell gets a fresh copy of the function so its inline caches are its own.
    const own = new Function('fn', 'return (k, c) => fn(k, c)')(fn);
    const r = measure(own, key);
    await new Promise((res) => setTimeout(res, 10)); // let the GC observer deliver
    console.log(
      `${pathName.padEnd(26)}| ${key.padEnd(9)}| ${r.bytesPerEval.toFixed(3).padStart(10)} | ${String(r.gcDuring).padStart(3)}`,
    );
  }
}
