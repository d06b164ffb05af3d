// sdk-web figures (issue 8), printed, never judged:
//  1. size, minified and gzipped (level 9), of what a page loads: the SDK (index.js and the chunks
//     it imports), in total, file by file, and split into sdk-core's part and sdk-web's own; the
//     OpenFeature provider entry; and the two chunks the SDK loads on demand: the regex engine for
//     snapshots with `matches` clauses, the validator for snapshots the server did not mark
//     validated. Files are measured as written (esbuild, then swc); the figures per source module
//     are esbuild's, before swc's pass (which has no per-module account);
//  2. evaluation time in Chromium for the three peer-bench flags (../shared/bench-peers): sdk-core's
//     evaluator over the 100,000 peer-bench users (as `npm run bench:eval` does in Node), and the
//     SDK's own path, `client.booleanVariation(flag, false)` for the page's context (identify()
//     once per kind of user). ns/eval medians of several rounds; a round is `passes` passes over the
//     users, so that it lasts far longer than the 0.1 ms resolution of performance.now() in a page.
//   npm run bench:web [-- --rounds=9 --users=100000 --passes=10]
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { buildSdkWeb } from '../sdk-web/build.mjs';
import { median, root } from './support.mjs';

const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = arg('rounds', 9);
const userCount = arg('users', 100_000);
const passes = arg('passes', 10);

process.env.BENCH_PEERS_SPEC ??= new URL('../../shared/bench-peers/lib/spec.mjs', import.meta.url).href;
const { snapshot } = await import('./peer-adapter.mjs');
const { makeUsers, FLAG_KEYS } = await import(process.env.BENCH_PEERS_SPEC);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const gz = (buffer) => gzipSync(buffer, { level: 9 }).length;

/** The files a page loads for `entry` before it runs: the entry and its static imports. */
function closure(metafile, entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !metafile.outputs[file]) return;
    seen.add(file);
    for (const i of metafile.outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  return [...seen];
}

/** A page file by its name, a chunk by its largest source module ("chunk of compile.ts"). */
function describe(metafile, file) {
  const { entryPoint, inputs } = metafile.outputs[file];
  if (entryPoint !== undefined) return file.replace(/^.*\//, '');
  const [largest] = Object.entries(inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)[0];
  return `chunk of ${largest.replace(/^.*?src\//, '')}`;
}

async function sizeOf(files) {
  const buffers = await Promise.all(files.map((f) => readFile(resolve(root, f))));
  const joined = Buffer.concat(buffers);
  return { min: joined.length, gz: gz(joined) };
}

const work = await mkdtemp(join(tmpdir(), 'flagstaff-bench-web-'));
try {
  // --- 1. sizes ---------------------------------------------------------------------------
  const shipped = join(work, 'shipped');
  const own = join(work, 'own');
  const metafile = await buildSdkWeb({ outdir: shipped });
  const ownMetafile = await buildSdkWeb({ outdir: own, external: ['@flagstaff/sdk-core/*'] });
  const out = (dir, name) => relative(root, join(dir, name));

  const sdkFiles = closure(metafile, out(shipped, 'index.js'));
  const sdk = await sizeOf(sdkFiles);
  const sdkFileSizes = await Promise.all(sdkFiles.map((f) => sizeOf([f])));
  const sdkOwn = await sizeOf(closure(ownMetafile, out(own, 'index.js')));
  let evaluatorMin = 0;
  let clientMin = 0;
  for (const f of sdkFiles) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[f].inputs)) {
      if (input.startsWith('sdk-core/src/client/')) clientMin += bytesInOutput;
      else if (input.startsWith('sdk-core/')) evaluatorMin += bytesInOutput;
    }
  }
  const provider = await sizeOf([out(shipped, 'openfeature.js')]);
  const lazyChunk = (entry) =>
    Object.keys(metafile.outputs).find((f) => metafile.outputs[f].entryPoint?.endsWith(entry));
  const regex = await sizeOf([lazyChunk('sdk-core/src/re2js-engine.ts')]);
  const validator = await sizeOf([lazyChunk('sdk-core/src/validator.ts')]);
  /** Whether what a page loads first holds an input matching `pattern` (lazy loading broken). */
  const leaked = (pattern) =>
    sdkFiles.some((f) => Object.keys(metafile.outputs[f].inputs).some((i) => pattern.test(i)))
      ? 'YES (lazy loading is broken)'
      : 'no';

  console.log('sdk-web bundle (minified; gzip -9):');
  console.log(
    `  SDK as a page loads it (${sdkFiles.length} files)  ${kb(sdk.min)}  gz ${kb(sdk.gz)}   (goal ≤ 10 kB gz)`,
  );
  sdkFiles.forEach((f, i) => {
    const { min, gz } = sdkFileSizes[i];
    console.log(
      `    ${describe(metafile, f).padEnd(34)}${String(min).padStart(6)} B  gz ${String(gz).padStart(5)} B`,
    );
  });
  console.log(
    `    sdk-core's part                   ${kb(sdk.min - sdkOwn.min)}  gz ≈ ${kb(sdk.gz - sdkOwn.gz)} (total − sdk-web's own)`,
  );
  console.log(
    `      of which the evaluator          ${kb(evaluatorMin)}, the shared client (sdk-core/client) ${kb(clientMin)} (esbuild's, before swc)`,
  );
  console.log(`    sdk-web's own code                ${kb(sdkOwn.min)}  gz ${kb(sdkOwn.gz)}`);
  console.log(
    `  OpenFeature provider entry          ${kb(provider.min)}  gz ${kb(provider.gz)}   (+ the SDK, + @openfeature/web-sdk)`,
  );
  console.log(`  regex chunk (re2js, loaded lazily)  ${kb(regex.min)}  gz ${kb(regex.gz)}`);
  console.log(`  validator chunk (loaded lazily)     ${kb(validator.min)}  gz ${kb(validator.gz)}`);
  console.log(`  re2js in what a page loads first:   ${leaked(/re2js\//)}`);
  console.log(`  validator in what a page loads first: ${leaked(/sdk-core\/src\/validate\.ts$/)}`);
  const inputs = {};
  for (const f of sdkFiles) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[f].inputs)) {
      inputs[input] = (inputs[input] ?? 0) + bytesInOutput;
    }
  }
  const largest = Object.entries(inputs)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  console.log(
    `  largest parts (esbuild-minified, before swc): ${largest.map(([i, b]) => `${i.replace(/^.*?src\//, '')} ${kb(b)}`).join(', ')}`,
  );

  // --- 2. evaluation in Chromium ------------------------------------------------------------
  // sdk-core's evaluator for the page, from sdk-core's build (as bench:eval uses it).
  await build({
    stdin: { contents: `export { compile } from './sdk-core/dist/index.js';`, resolveDir: root },
    bundle: true,
    format: 'esm',
    minify: true,
    outfile: join(shipped, 'core.js'),
    logLevel: 'warning',
  });
  const origin = 'http://bench.flagstaff.test';
  const page = `<!doctype html><script type="module">
    import { createClient } from './index.js';
    import { compile } from './core.js';
    const time = (n, body) => { const t0 = performance.now(); const hits = body(); return { ns: ((performance.now() - t0) * 1e6) / n, hits }; };
    globalThis.bench = async ({ snapshot, users, keys, rounds, passes }) => {
      const contexts = users.map((u) => ({ targetingKey: u.userId, country: u.country, plan: u.plan }));
      const evaluator = compile(snapshot);
      const client = createClient({ bootstrap: snapshot, logger: {} });
      await client.waitForReady();
      const kinds = contexts.slice(0, 4); // US/pro, DE/pro, US/free, DE/free
      const result = {};
      for (const key of keys) {
        const core = [], sdk = [];
        for (let r = -2; r < rounds; r++) {
          const a = time(contexts.length * passes, () => { let t = 0; for (let p = 0; p < passes; p++) for (let i = 0; i < contexts.length; i++) if (evaluator.booleanValue(key, false, contexts[i])) t++; return t / passes; });
          let ns = 0;
          for (const context of kinds) {
            client.identify(context);
            const n = (contexts.length / 4) * passes;
            const b = time(n, () => { let t = 0; for (let i = 0; i < n; i++) if (client.booleanVariation(key, false)) t++; return t; });
            ns += b.ns / 4;
          }
          if (r >= 0) { core.push(a.ns); sdk.push(ns); } // two warm-up rounds
          result[key] = { core, sdk, coreHits: a.hits };
        }
      }
      return result;
    };
  </script>`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const tab = await browser.newPage();
    await tab.route(`${origin}/**`, async (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === '/') return route.fulfill({ contentType: 'text/html', body: page });
      const body = await readFile(join(shipped, path)).catch(() => undefined);
      return body ? route.fulfill({ contentType: 'text/javascript', body }) : route.fulfill({ status: 404 });
    });
    await tab.goto(`${origin}/`);
    await tab.waitForFunction(() => typeof globalThis.bench === 'function');
    const users = makeUsers(userCount);
    const keys = [FLAG_KEYS.simple, FLAG_KEYS.rollout, FLAG_KEYS.targeted];
    const result = await tab.evaluate((arg) => globalThis.bench(arg), {
      snapshot,
      users,
      keys,
      rounds,
      passes,
    });
    const version = browser.version();
    console.log(
      `\nevaluation in Chromium ${version}, ns/eval, median of ${rounds} rounds (after 2 warm-up):`,
    );
    console.log(
      '  flag        sdk-core evaluator (100k users)   sdk-web booleanVariation (page context)   true share',
    );
    for (const key of keys) {
      const { core, sdk, coreHits } = result[key];
      console.log(
        `  ${key.padEnd(10)}  ${median(core).toFixed(1).padStart(8)}                          ${median(sdk).toFixed(1).padStart(8)}                                  ${(coreHits / userCount).toFixed(4)}`,
      );
    }
  } finally {
    await browser.close();
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
