// Builds the browser bundle: dist/index.js (the SDK), dist/openfeature.js (the OpenFeature web
// provider), their shared chunk, and two chunks the SDK imports on demand (see compile-gate.ts):
// re2js for snapshots with `matches` clauses, sdk-core's validator for snapshots the server did
// not mark validated. ESM, sdk-core bundled in from its sources (no build of it needed);
// @openfeature/* stays external (a page has one OpenFeature API, its own). esbuild bundles, splits
// and minifies; swc's minifier then goes over each file again (see SWC_MINIFY).
// Run: node sdk-web/build.mjs (types: tsc -b sdk-web, into dist/types).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { minify } from '@swc/core';
import { build } from 'esbuild';

const here = import.meta.dirname;
const sdkCore = resolve(here, '../sdk-core/src');
const SDK_CORE_ENTRIES = {
  '@flagstaff/sdk-core/client': resolve(sdkCore, 'client/index.ts'),
  '@flagstaff/sdk-core/re2js': resolve(sdkCore, 're2js-engine.ts'),
  '@flagstaff/sdk-core/validator': resolve(sdkCore, 'validator.ts'),
};

/** The one entry imported for what it does when it loads: it registers the validator. */
const REGISTERS_ITSELF = SDK_CORE_ENTRIES['@flagstaff/sdk-core/validator'];

/**
 * sdk-core's entries from source: its package exports point at a dist that may not be built.
 * Modules are marked free of side effects (as package.json's `sideEffects` would), so what a
 * barrel re-exports and the SDK does not use is left out.
 */
const sdkCoreFromSource = {
  name: 'sdk-core-from-source',
  setup(b) {
    b.onResolve({ filter: /^@flagstaff\/sdk-core\// }, (args) => {
      const path = SDK_CORE_ENTRIES[args.path];
      if (path === undefined) return { errors: [{ text: `sdk-web may not import ${args.path}` }] };
      return { path, sideEffects: path === REGISTERS_ITSELF };
    });
    // Browsers never explain an evaluation (see tracing.ts).
    b.onLoad({ filter: /[\\/]sdk-core[\\/]src[\\/]tracing\.ts$/ }, () => ({
      contents: 'export const TRACING = false;',
      loader: 'ts',
    }));
    // TypeScript sources import siblings as "./x.js".
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) =>
      args.importer.startsWith(sdkCore) || args.importer.startsWith(resolve(here, 'src'))
        ? { path: resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')), sideEffects: false }
        : undefined,
    );
  },
};

/**
 * swc's minifier over esbuild's minified output saves what esbuild leaves: it folds more and its
 * names gzip better (measured by bench/web.mjs). Safe options only: none of the `unsafe*` ones,
 * whose few bytes are not worth a doubt about bit-for-bit evaluation. No inlining of functions
 * called once (`inline: 0` and `reduce_vars: false` together): swc would inline the hash's helpers
 * as function expressions called in place, which made a rollout ~4 ns slower in Chromium.
 * Exports keep their names, so the chunks still import each other; chunk names keep esbuild's
 * content hashes, taken before this pass.
 */
const SWC_MINIFY = {
  module: true,
  ecma: 2022,
  compress: { passes: 3, inline: 0, reduce_vars: false },
  mangle: { toplevel: true },
  format: { comments: false },
};

/**
 * Builds into `outdir` (default sdk-web/dist, emptied first, types aside); resolves to esbuild's
 * metafile, whose output `bytes` are the files as written (its inputs' `bytesInOutput` stay
 * esbuild's, before swc). `external: ['@flagstaff/sdk-core/*']` measures sdk-web's own code.
 */
export async function buildSdkWeb({ outdir = resolve(here, 'dist'), external = [] } = {}) {
  for (const name of ['index.js', 'openfeature.js', 'chunks'])
    await rm(resolve(outdir, name), { recursive: true, force: true });
  const cwd = process.cwd(); // the metafile's paths are relative to it
  const result = await build({
    absWorkingDir: cwd,
    entryPoints: { index: resolve(here, 'src/index.ts'), openfeature: resolve(here, 'src/openfeature.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    chunkNames: 'chunks/[name]-[hash]',
    external: ['@openfeature/web-sdk', '@openfeature/core', ...external],
    plugins: external.length > 0 ? [] : [sdkCoreFromSource],
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  });
  const { metafile } = result;
  await Promise.all(
    result.outputFiles.map(async (file) => {
      const { code } = await minify(file.text, SWC_MINIFY);
      await mkdir(dirname(file.path), { recursive: true });
      await writeFile(file.path, code);
      metafile.outputs[relative(cwd, file.path)].bytes = Buffer.byteLength(code);
    }),
  );
  return metafile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const metafile = await buildSdkWeb();
  for (const [file, out] of Object.entries(metafile.outputs)) console.log(`${file}  ${out.bytes} bytes`);
}
